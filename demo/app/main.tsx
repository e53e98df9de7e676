import '@livekit/components-styles';
import './demo.css';
import { createRoot } from 'react-dom/client';
import { Provider } from 'react-redux';
import { CallRoomProvider } from 'redux-livekit-call/react';
import { App } from './App';
import { controller, store } from './store';

createRoot(document.getElementById('root')!).render(
  <Provider store={store}>
    <CallRoomProvider controller={controller}>
      <App />
    </CallRoomProvider>
  </Provider>,
);
