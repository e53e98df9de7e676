import NodeEnvironment from 'jest-environment-node';

/**
 * jest's node environment, plus the real `process` as `__realProcess`: the test realm's `process`
 * is a copy, and Node reports unhandled rejections only on the real one.
 */
export default class RealProcessEnvironment extends NodeEnvironment {
  constructor(...args: ConstructorParameters<typeof NodeEnvironment>) {
    super(...args);
    this.global.__realProcess = process;
  }
}
