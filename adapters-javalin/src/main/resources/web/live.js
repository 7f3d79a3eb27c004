// The WebSocket half of docs/API.md: one socket per page, reopened with back-off when it drops.

const DELAYS_MS = [1000, 2000, 4000, 8000, 15000, 30000];

/**
 * Keeps a socket open to url?token=…, calling onFrame for every frame, onUp when a socket opens
 * (the page then catches up with ?after=), and onDown(seconds) when it dropped and a new one is due.
 */
export class Live {
  constructor(url, token, { onFrame, onUp, onDown }) {
    this.url = url;
    this.token = token;
    this.handlers = { onFrame, onUp, onDown };
    this.attempt = 0;
    this.socket = null;
    this.timer = null;
    this.stopped = true;
  }

  start() {
    this.stopped = false;
    this.open();
  }

  stop() {
    this.stopped = true;
    clearTimeout(this.timer);
    if (this.socket) {
      const socket = this.socket;
      this.socket = null;
      socket.close(1000, 'signed out');
    }
  }

  open() {
    if (this.stopped) return;
    const separator = this.url.includes('?') ? '&' : '?';
    const socket = new WebSocket(this.url + separator + 'token=' + encodeURIComponent(this.token()));
    this.socket = socket;
    socket.addEventListener('open', () => {
      if (this.socket !== socket) return;
      this.attempt = 0;
      this.handlers.onUp();
    });
    socket.addEventListener('message', (event) => {
      if (this.socket !== socket || typeof event.data !== 'string') return;
      let frame;
      try {
        frame = JSON.parse(event.data);
      } catch {
        return;
      }
      this.handlers.onFrame(frame);
    });
    socket.addEventListener('close', () => {
      if (this.socket !== socket || this.stopped) return;
      this.socket = null;
      const base = DELAYS_MS[Math.min(this.attempt, DELAYS_MS.length - 1)];
      const delay = Math.round(base * (0.8 + Math.random() * 0.4));
      this.attempt += 1;
      this.handlers.onDown(Math.ceil(delay / 1000));
      this.timer = setTimeout(() => this.open(), delay);
    });
  }
}
