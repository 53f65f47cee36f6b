import { createParser } from 'eventsource-parser';

/**
 * A `fetch` for the SDK client that also reads the event ids of its GET streams, so a test
 * can check that a resumed stream skips and repeats nothing.
 */
export function sseIdsTee(): { fetch: typeof fetch; ids: string[]; getStreams: number } {
  const state = { ids: [] as string[], getStreams: 0, fetch: undefined as unknown as typeof fetch };
  state.fetch = async (input, init) => {
    const res = await fetch(input, init);
    const isGet = (init?.method ?? 'GET') === 'GET';
    if (!isGet || !res.ok || !res.body) return res;
    state.getStreams += 1;
    const [mine, theirs] = res.body.tee();
    const parser = createParser({
      onEvent: (event) => {
        if (event.id && event.data) state.ids.push(event.id);
      },
    });
    void (async () => {
      const decoder = new TextDecoder();
      const reader = mine.getReader();
      try {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          parser.feed(decoder.decode(value, { stream: true }));
        }
      } catch {
        // the connection dropped (the replica was killed)
      }
    })();
    return new Response(theirs, {
      status: res.status,
      statusText: res.statusText,
      headers: res.headers,
    });
  };
  return state;
}
