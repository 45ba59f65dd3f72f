import { apiKey } from './api.js';

// Follows the log's SSE stream (GET /events). It is read with fetch rather than EventSource because
// each message is named after its event type (claim-recorded/v1, ...) and EventSource only delivers
// names it was told in advance. On a drop it resumes with ?after=<last position>, as Last-Event-ID would.
const RETRY_MS = 2000;

/**
 * Calls onEvent(line) for every event line, in order, and onStatus(text, connected) when the
 * connection opens or drops. Returns a function that closes the stream.
 */
export function followLog({ onEvent, onStatus }) {
  const stop = new AbortController();
  let after = 0;

  async function connect() {
    while (!stop.signal.aborted) {
      try {
        const query = new URLSearchParams({ after: String(after) });
        if (apiKey()) query.set('apiKey', apiKey());
        const response = await fetch(`/events?${query}`, { headers: { Accept: 'text/event-stream' }, signal: stop.signal });
        if (response.status === 401 || response.status === 403) {
          onStatus('live updates need an API key that may read', false);
          return;
        }
        if (!response.ok || !response.body) throw new Error(`HTTP ${response.status}`);
        onStatus('live: following the log', true);
        await readMessages(response.body, message => {
          if (message.id) after = Math.max(after, Number(message.id) || after);
          let line;
          try {
            line = JSON.parse(message.data);
          } catch {
            return;
          }
          if (line.position === undefined && message.id) line.position = Number(message.id);
          line.type ??= message.event;
          onEvent(line);
        });
        onStatus('live stream ended; reconnecting…', false);
      } catch (error) {
        if (stop.signal.aborted) return;
        onStatus(`live stream interrupted (${error.message}); reconnecting…`, false);
      }
      await new Promise(resolve => setTimeout(resolve, RETRY_MS));
    }
  }

  connect();
  return () => stop.abort();
}

/** Splits an SSE body into messages {id, event, data}; comment lines (heartbeats) are skipped. */
async function readMessages(body, onMessage) {
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += value.replace(/\r\n?/g, '\n');
    let end;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const message = { id: '', event: 'message', data: [] };
      for (const line of block.split('\n')) {
        if (!line || line.startsWith(':')) continue;
        const colon = line.indexOf(':');
        const field = colon < 0 ? line : line.slice(0, colon);
        const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
        if (field === 'data') message.data.push(value);
        else if (field === 'id') message.id = value;
        else if (field === 'event') message.event = value;
      }
      if (message.data.length) onMessage({ ...message, data: message.data.join('\n') });
    }
  }
}
