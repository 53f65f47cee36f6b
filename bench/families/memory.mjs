// Memory: heap per idle session (nest-mcp and its peers) and per open SSE stream (nest-mcp,
// thousands of GET streams held at once). Children run with --expose-gc; each figure is the
// difference of heap after full GCs, divided by the count.
import { request as httpRequest, Agent } from 'node:http';
import { ChildServer } from '../lib/child-server.mjs';
import { missingPeer } from '../lib/peers.mjs';
import { fmt } from '../lib/report.mjs';
import { SCENARIOS } from '../lib/scenarios.mjs';
import { HTTP_SERVERS } from './http.servers.mjs';

const SESSION_SERVERS = ['nest-mcp-express', 'sdk', 'rekog', 'fastmcp'];
const heap = (m) => m.heapUsed + m.external + m.arrayBuffers;

/** Opens `count` sessions, `parallel` at a time; resolves their request headers. */
async function openSessions(url, count, parallel = 32) {
  const sessions = [];
  let next = 0;
  const worker = async () => {
    while (next < count) {
      next++;
      sessions.push((await SCENARIOS[0].prepare(url, {})).headers);
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));
  return sessions;
}

/**
 * Opens `count` sessions with `initialize` alone (a GET stream needs no more), many at a time:
 * the stream row holds thousands.
 */
async function initializeMany(url, count, parallel = 128) {
  const sessions = [];
  let next = 0;
  const worker = async () => {
    while (next < count) {
      next++;
      const res = await fetch(url, {
        method: 'POST',
        headers: INITIALIZE_HEADERS,
        body: INITIALIZE_BODY,
      });
      const id = res.headers.get('mcp-session-id');
      await res.arrayBuffer();
      if (res.status !== 200 || !id) throw new Error(`initialize answered HTTP ${res.status}`);
      sessions.push({ 'mcp-session-id': id, 'mcp-protocol-version': '2025-11-25' });
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));
  return sessions;
}

const INITIALIZE_HEADERS = {
  'content-type': 'application/json',
  accept: 'application/json, text/event-stream',
};
const INITIALIZE_BODY = JSON.stringify({
  jsonrpc: '2.0',
  id: 0,
  method: 'initialize',
  params: {
    protocolVersion: '2025-11-25',
    capabilities: {},
    clientInfo: { name: 'nest-mcp-bench', version: '0.0.0' },
  },
});

/** Opens a session's GET stream and resolves once its 200 arrived; the request stays open. */
function openStream(url, headers, agent) {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, {
      method: 'GET',
      agent,
      headers: { ...headers, accept: 'text/event-stream' },
    });
    req.on('response', (res) => {
      if (res.statusCode !== 200) reject(new Error(`GET stream answered HTTP ${res.statusCode}`));
      else resolve(req);
      res.resume();
    });
    req.on('error', reject);
    req.end();
  });
}

export default {
  key: 'memory',
  title: 'Memory: heap per idle session and per open SSE stream',

  async run({ config, log, fail, skip }) {
    const rows = [];
    for (const key of SESSION_SERVERS) {
      const server = HTTP_SERVERS.find((s) => s.key === key);
      const missing =
        server.needs && (config.peersProblem ?? server.needs.map(missingPeer).find(Boolean));
      if (missing) {
        skip(`memory / ${server.label}`, missing);
        continue;
      }
      let child;
      try {
        child = await ChildServer.start(server.file, { ...server.env, BENCH_MEMORY: '1' }, [
          '--expose-gc',
        ]);
        await openSessions(child.url, 10);
        const before = await child.memory();
        log(`memory: ${config.sessions} idle sessions on ${server.label}`);
        const sessions = await openSessions(child.url, config.sessions);
        const after = await child.memory();
        rows.push({
          what: 'idle session',
          label: server.label,
          count: sessions.length,
          kib: (heap(after) - heap(before)) / sessions.length / 1024,
        });
        if (key === 'nest-mcp-express') rows.push(await this.streams(child, config, log));
      } catch (error) {
        fail(`memory / ${server.label}`, error.message);
      } finally {
        await child?.stop();
      }
    }
    const ours = rows.find((r) => r.what === 'idle session' && r.label.startsWith('nest-mcp'));
    return {
      key: 'memory',
      title: this.title,
      note: 'KiB = (heapUsed + external + arrayBuffers) after full GCs, difference ÷ count.',
      header: ['what', 'server', 'count', 'KiB each'],
      rows: rows.map((r) => [r.what, r.label, fmt.int(r.count), fmt.kib(r.kib)]),
      ratios: rows
        .filter((r) => r !== ours && r.what === 'idle session' && ours)
        .map((r) => ({
          name: `KiB per idle session nest-mcp ÷ ${r.label}`,
          value: ours.kib / r.kib,
        })),
      data: rows,
    };
  },

  /** Holds `config.streams` GET streams open at once (one per session). */
  async streams(child, config, log) {
    log(`memory: ${config.streams} sessions, then one open SSE stream each`);
    const sessions = await initializeMany(child.url, config.streams);
    const before = await child.memory();
    const agent = new Agent({ keepAlive: false, maxSockets: Infinity });
    const open = [];
    try {
      for (let i = 0; i < sessions.length; i += 200)
        open.push(
          ...(await Promise.all(
            sessions.slice(i, i + 200).map((h) => openStream(child.url, h, agent)),
          )),
        );
      const after = await child.memory();
      return {
        what: 'open SSE stream',
        label: 'nest-mcp (Express)',
        count: open.length,
        kib: (heap(after) - heap(before)) / open.length / 1024,
        rssKib: (after.rss - before.rss) / open.length / 1024,
      };
    } finally {
      for (const req of open) req.destroy();
      agent.destroy();
    }
  },
};
