// Follows the log's SSE stream. The browser's EventSource resends Last-Event-ID (the global position)
// when it reconnects, so a dropped connection resumes where it stopped instead of replaying everything.

/**
 * Calls onEvent(line) for every event line, in order, and onStatus(text, connected) when the
 * connection opens or drops. Returns a function that closes the stream.
 */
export function followLog({ onEvent, onStatus }) {
  if (!('EventSource' in window)) {
    onStatus('live updates unavailable in this browser', false);
    return () => {};
  }
  const source = new EventSource('/events');
  const handle = message => {
    let line;
    try {
      line = JSON.parse(message.data);
    } catch {
      return;
    }
    if (line && line.position === undefined && message.lastEventId) line.position = Number(message.lastEventId);
    onEvent(line);
  };
  source.addEventListener('message', handle);
  source.addEventListener('open', () => onStatus('live: following the log', true));
  source.addEventListener('error', () => onStatus(source.readyState === EventSource.CLOSED
    ? 'live stream closed; reload to reconnect'
    : 'live stream interrupted; reconnecting…', false));
  return () => source.close();
}
