import type { WebSocket, WebSocketServer } from 'ws';

/** ws's error codes that mean the client, not the gateway, did something: worth one line, not a stack trace. */
const CLIENT_CODES: Readonly<Record<string, string>> = {
  WS_ERR_UNSUPPORTED_MESSAGE_LENGTH: 'message larger than the limit (closed 1009)',
  WS_ERR_INVALID_UTF8: 'invalid UTF-8 (closed 1007)',
  WS_ERR_INVALID_OPCODE: 'invalid frame (closed 1002)',
  WS_ERR_INVALID_CLOSE_CODE: 'invalid close code (closed 1002)',
  ECONNRESET: 'connection reset by the client',
  EPIPE: 'client went away',
};

/** Whether an error of a socket write means the client has gone away (nothing to fix on our side). */
function goneAway(error: (Error & { code?: string }) | undefined): boolean {
  const code = error?.code;
  return (
    code === 'EPIPE' ||
    code === 'ECONNRESET' ||
    code === 'ERR_STREAM_DESTROYED' ||
    /CLOSING or CLOSED|not opened/i.test(error?.message ?? '')
  );
}

/**
 * Replaces graphql-ws's handling of socket errors, which prints a five-line stack for every oversized frame and every
 * write to a client that has gone away, with one line per socket: what happened, nothing of the request. Register it
 * after graphql-ws's `useServer` (its own `connection` listener must have attached its handlers first).
 */
export function quietSocketErrors(
  wss: WebSocketServer,
  log: (line: string) => void = (line) => console.warn(line),
): void {
  wss.on('connection', (socket: WebSocket) => {
    let reported = false;
    const report = (what: string) => {
      if (reported) return;
      reported = true;
      log(`gateway: websocket: ${what}`);
    };
    socket.removeAllListeners('error');
    socket.on('error', (error: Error & { code?: string }) => {
      const known = error.code ? CLIENT_CODES[error.code] : undefined;
      report(known ?? `socket error (${error.code ?? error.name}); closed 1011`);
      // ws closes by itself on protocol errors (1009, 1007, 1002); anything else ends like graphql-ws ended it.
      if (!known && socket.readyState === socket.OPEN) socket.close(1011, 'Internal server error');
    });
    // A message sent while the client goes away fails its callback, which graphql-ws reports with a stack trace.
    const send = socket.send.bind(socket) as (data: unknown, cb?: (error?: Error) => void) => void;
    Reflect.set(socket, 'send', (data: unknown, cb?: (error?: Error) => void) =>
      send(data, (error?: Error) => {
        if (error && goneAway(error)) {
          report('client went away while a message was being sent');
          cb?.();
        } else cb?.(error);
      }),
    );
  });
}
