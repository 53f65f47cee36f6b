import type {
  DocsAccess,
  DocsManifest,
  DocsPrompt,
  DocsResource,
  DocsResourceTemplate,
  DocsTool,
} from './docs-manifest.types.js';
import { DOCS_PAGE_CSS } from './docs-page.styles.js';
import { escapeHtml as e } from './html.escape.js';
import { schemaRows } from './schema-table.js';
import type { JsonSchemaObject } from '../../schema/schema-source.type.js';

/** Where the page is served from, to print absolute URLs a reader can copy. */
export interface DocsPageContext {
  /** Absolute URL of the MCP endpoint, e.g. `https://api.example.com/mcp`. */
  endpointUrl: string;
  /** URL (absolute or relative) of docs.json. */
  docsJsonUrl: string;
}

const anchor = (kind: string, name: string): string =>
  `${kind}-${name.replace(/[^A-Za-z0-9_.-]/g, '_')}`;

function schemaTable(schema: JsonSchemaObject | undefined, empty: string): string {
  if (!schema) return `<p class="none">${e(empty)}</p>`;
  const rows = schemaRows(schema);
  if (!rows.length) {
    const open = schema.type === 'object' || schema.properties !== undefined;
    return open
      ? `<p class="none">${e(empty)}</p>`
      : `<pre>${e(JSON.stringify(schema, null, 2))}</pre>`;
  }
  const body = rows
    .map((row) => {
      const notes = row.notes.map((n) => `<span class="note">${e(n)}</span>`).join('');
      const values = row.enumValues.length
        ? row.enumValues.map((v) => `<code>${e(v)}</code>`).join(' ')
        : '';
      return (
        `<tr><td><code>${e(row.path)}</code></td><td>${e(row.type)}</td>` +
        `<td class="req">${row.required ? 'required' : 'optional'}</td>` +
        `<td>${e(row.description)}${notes}</td><td>${values}</td></tr>`
      );
    })
    .join('');
  return (
    '<table><thead><tr><th>Property</th><th>Type</th><th>Required</th><th>Description</th>' +
    `<th>Allowed values</th></tr></thead><tbody>${body}</tbody></table>`
  );
}

function accessBadges(access: DocsAccess): string[] {
  const out = [
    access.public ? 'anonymous allowed' : 'signed agents only',
    `${access.access} access`,
  ];
  for (const scope of access.scopes) out.push(`scope: ${scope}`);
  for (const role of access.roles) out.push(`role: ${role}`);
  if (access.maxSignatureAgeSec !== undefined)
    out.push(`signature ≤ ${access.maxSignatureAgeSec} s old`);
  if (access.requireSignature) out.push('signed agents only');
  return out;
}

function badges(labels: string[]): string {
  const items = labels.map(
    (l) => `<li class="badge${l === 'write access' ? ' write' : ''}">${e(l)}</li>`,
  );
  return `<ul class="badges">${items.join('')}</ul>`;
}

function head(kind: string, name: string, title?: string): string {
  const sub = title && title !== name ? ` <span class="title">${e(title)}</span>` : '';
  return `<div class="entry-head"><h3 id="${e(anchor(kind, name))}"><code>${e(name)}</code></h3>${sub}</div>`;
}

function description(text?: string): string {
  return text ? `<p>${e(text)}</p>` : '';
}

function tool(t: DocsTool): string {
  const hints = t.annotations ?? {};
  const labels = [
    ...(hints.readOnlyHint ? ['read-only'] : []),
    ...(hints.destructiveHint ? ['destructive'] : []),
    ...(hints.idempotentHint ? ['idempotent'] : []),
    ...(hints.openWorldHint ? ['open world'] : []),
    ...accessBadges(t.access),
    ...(t.rateLimit
      ? [`rate limit: ${t.rateLimit.limit} per ${t.rateLimit.windowMs / 1000} s`]
      : []),
  ];
  return (
    `<section class="entry">${head('tool', t.name, t.title)}${badges(labels)}${description(t.description)}` +
    `<h4>Input</h4>${schemaTable(t.inputSchema, 'No arguments.')}` +
    `<h4>Output</h4>${schemaTable(t.outputSchema, 'Content blocks (no output schema declared).')}</section>`
  );
}

function resource(r: DocsResource): string {
  const facts = `<dl><dt>URI</dt><dd><code>${e(r.uri)}</code></dd>${r.mimeType ? `<dt>Type</dt><dd>${e(r.mimeType)}</dd>` : ''}</dl>`;
  return `<section class="entry">${head('resource', r.name, r.title)}${badges(accessBadges(r.access))}${description(r.description)}${facts}</section>`;
}

function template(r: DocsResourceTemplate): string {
  const facts = `<dl><dt>URI template</dt><dd><code>${e(r.uriTemplate)}</code></dd>${r.mimeType ? `<dt>Type</dt><dd>${e(r.mimeType)}</dd>` : ''}</dl>`;
  return `<section class="entry">${head('template', r.name, r.title)}${badges(accessBadges(r.access))}${description(r.description)}${facts}</section>`;
}

function prompt(p: DocsPrompt): string {
  const rows = p.arguments
    .map(
      (a) =>
        `<tr><td><code>${e(a.name)}</code></td><td class="req">${a.required ? 'required' : 'optional'}</td><td>${e(a.description ?? a.title ?? '')}</td></tr>`,
    )
    .join('');
  const args = rows
    ? `<table><thead><tr><th>Argument</th><th>Required</th><th>Description</th></tr></thead><tbody>${rows}</tbody></table>`
    : '<p class="none">No arguments.</p>';
  return `<section class="entry">${head('prompt', p.name, p.title)}${badges(accessBadges(p.access))}${description(p.description)}<h4>Arguments</h4>${args}</section>`;
}

function list<T>(title: string, id: string, items: T[], render: (item: T) => string): string {
  const body = items.length ? items.map(render).join('') : '<p class="none">None.</p>';
  return `<h2 id="${id}">${e(title)} (${items.length})</h2>${body}`;
}

function connect(m: DocsManifest, ctx: DocsPageContext): string {
  const versions = m.protocol.versions.map((v) => `<code>${e(v)}</code>`).join(' ');
  const endpoints = m.endpoints
    .map(
      (ep) =>
        `<tr><td><code>${e(ep.methods.join(', '))}</code></td><td><code>${e(ep.path)}</code></td><td>${e(ep.description)}</td></tr>`,
    )
    .join('');
  return (
    '<h2 id="connect">How to connect</h2>' +
    `<dl><dt>Endpoint</dt><dd><code>${e(ctx.endpointUrl)}</code> (Streamable HTTP)</dd>` +
    `<dt>Protocol versions</dt><dd>${versions}</dd>` +
    `<dt>Session era</dt><dd>${e(m.protocol.sessionEra.join(', '))}: <code>initialize</code>, then the <code>Mcp-Session-Id</code> header</dd>` +
    `<dt>Stateless era</dt><dd>${e(m.protocol.statelessEra.join(', '))}: <code>server/discover</code>, and a <code>_meta</code> envelope on every request</dd>` +
    `<dt>Machine-readable</dt><dd><a href="${e(ctx.docsJsonUrl)}">docs.json</a></dd></dl>` +
    `<pre>${e(JSON.stringify({ mcpServers: { [m.server.name]: { type: 'http', url: ctx.endpointUrl } } }, null, 2))}</pre>` +
    '<h4>Signing a request</h4>' +
    '<p>Agents without a signature act anonymously and see only entries marked “anonymous allowed”. ' +
    'Others sign each request with RFC 9421 HTTP Message Signatures: a <code>Signature-Input</code> ' +
    'and a <code>Signature</code> header labelled with the tag <code>mcp</code>, covering at least ' +
    '<code>@method</code>, <code>@target-uri</code> and <code>content-digest</code> (the SHA-256 of the exact body bytes), ' +
    'with <code>created</code>, <code>nonce</code> and the <code>keyid</code> the server knows your key by. ' +
    'Write tools need a fresh signature on every call; a failed signature is refused with 401, never downgraded to anonymous.</p>' +
    `<h4>Endpoints</h4><table><thead><tr><th>Methods</th><th>Path</th><th>Purpose</th></tr></thead><tbody>${endpoints}</tbody></table>`
  );
}

/**
 * The documentation page: plain HTML with inline CSS, readable without JavaScript. Every
 * value from the manifest is escaped.
 */
export function renderDocsPage(m: DocsManifest, ctx: DocsPageContext): string {
  const name = m.server.title ?? m.server.name;
  const nav = [
    ['connect', 'How to connect'],
    ['tools', `Tools (${m.tools.length})`],
    ['resources', `Resources (${m.resources.length})`],
    ['templates', `Resource templates (${m.resourceTemplates.length})`],
    ['prompts', `Prompts (${m.prompts.length})`],
  ]
    .map(([id, label]) => `<li><a href="#${id}">${e(label)}</a></li>`)
    .join('');
  return (
    '<!doctype html><html lang="en"><head><meta charset="utf-8">' +
    '<meta name="viewport" content="width=device-width, initial-scale=1">' +
    `<title>${e(name)} — MCP server documentation</title>` +
    '<link rel="icon" href="data:,">' +
    `<style>${DOCS_PAGE_CSS}</style></head><body>` +
    `<header><div class="wrap"><h1>${e(name)}</h1>` +
    `<p class="sub"><code>${e(m.server.name)}</code> version ${e(m.server.version)} · MCP server</p>` +
    description(m.server.description) +
    (m.server.instructions ? `<p class="sub">${e(m.server.instructions)}</p>` : '') +
    `<nav><ul>${nav}</ul></nav></div></header><main class="wrap">` +
    connect(m, ctx) +
    list('Tools', 'tools', m.tools, tool) +
    list('Resources', 'resources', m.resources, resource) +
    list('Resource templates', 'templates', m.resourceTemplates, template) +
    list('Prompts', 'prompts', m.prompts, prompt) +
    `<footer>Generated by nest-mcp from the server's registry. <a href="${e(ctx.docsJsonUrl)}">docs.json</a></footer>` +
    '</main></body></html>'
  );
}
