/**
 * What components-react asks of the browser beyond jsdom: a secure context and
 * `navigator.mediaDevices` (MediaDeviceMenu lists devices; ControlBar shows the screen-share
 * button only where getDisplayMedia exists). The Room double captures; nothing here opens media.
 */
export function stubMediaDevices(devices: { kind: MediaDeviceKind; deviceId: string; label: string }[] = []): () => void {
  const list = devices.map((d) => ({ ...d, groupId: `g-${d.deviceId}`, toJSON: () => d }));
  const mediaDevices = {
    enumerateDevices: async () => list,
    getUserMedia: async () => ({ getTracks: () => [] }),
    getDisplayMedia: async () => ({ getTracks: () => [] }),
    addEventListener() {},
    removeEventListener() {},
  };
  Object.defineProperty(window, 'isSecureContext', { value: true, configurable: true });
  Object.defineProperty(navigator, 'mediaDevices', { value: mediaDevices, configurable: true });
  // ControlBar warns once per render without saved choices.
  localStorage.setItem('lk-user-choices', '{}');
  return () => {
    delete (window as { isSecureContext?: boolean }).isSecureContext;
    delete (navigator as { mediaDevices?: unknown }).mediaDevices;
    localStorage.clear();
  };
}
