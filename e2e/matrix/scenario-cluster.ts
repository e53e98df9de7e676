import type { Scenario } from './scenarios';

// Filled in below once the single-node matrix is green.
export const twoNodes: Scenario = {
  name: 'two-nodes-sigkill',
  libraryShouldRecover: true,
  async run() {
    throw new Error('not implemented yet');
  },
};
