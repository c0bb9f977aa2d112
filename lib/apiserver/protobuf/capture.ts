// Fixture capture tool, run by hand (never by tests):
//
//   npx tsx lib/apiserver/protobuf/capture.ts <out-dir> [port]
//
// A minimal HTTP server that looks enough like a Kubernetes 1.32 API server for the real
// kubectl's typed `create` subcommands to send their request bodies: it answers `/version`
// (minor "32", so Google's kubectl dispatcher would pick kubectl 1.32), the aggregated discovery
// documents for `/api` and `/apis` (kube-protocol §1.2: client-go decides aggregated vs legacy by
// the response Content-Type alone), and records every POST/PUT body to
// `<out-dir>/<seq>-<resource>.pb` (or `.json` when the body was JSON), then answers 201 with a
// JSON echo of the object so kubectl prints `<kind>/<name> created`.
//
// It imports the resource table from lib/k8s so discovery matches what Podbook serves.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { PROTOBUF_CONTENT_TYPE, decodeProtobufObject } from './index';
import { AGGREGATED_V2_CONTENT_TYPE, aggregatedDiscovery } from '../discovery';

function send(res: ServerResponse, code: number, type: string, body: string): void {
  res.writeHead(code, { 'Content-Type': type, 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
}

function main(): void {
  const outDir = process.argv[2];
  if (!outDir) {
    process.stderr.write('usage: capture.ts <out-dir> [port]\n');
    process.exit(2);
  }
  const port = Number(process.argv[3] ?? 18432);
  mkdirSync(outDir, { recursive: true });
  let seq = 0;

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const url = new URL(req.url ?? '/', 'http://x');
      process.stdout.write(`${req.method} ${req.url} ${req.headers['content-type'] ?? ''} ${body.length}\n`);
      if (url.pathname === '/version') {
        return send(res, 200, 'application/json', JSON.stringify({
          major: '1', minor: '32', gitVersion: 'v1.32.5', gitCommit: '0', gitTreeState: 'clean',
          buildDate: '2025-01-01T00:00:00Z', goVersion: 'go1.23.8', compiler: 'gc', platform: 'linux/amd64',
        }));
      }
      if (url.pathname === '/api') return send(res, 200, AGGREGATED_V2_CONTENT_TYPE, JSON.stringify(aggregatedDiscovery(true)));
      if (url.pathname === '/apis') return send(res, 200, AGGREGATED_V2_CONTENT_TYPE, JSON.stringify(aggregatedDiscovery(false)));
      // Objects that kubectl reads before it writes (`kubectl debug --copy-to` GETs the pod it
      // copies): served from `<served-dir>/<resource>.json` when a served dir is given.
      const servedDir = process.env.CAPTURE_SERVED_DIR;
      if (req.method === 'GET' && servedDir) {
        const parts = url.pathname.split('/').filter(Boolean);
        const resource = parts[parts.length - 2];
        const file = resource ? join(servedDir, `${resource}.json`) : '';
        if (file && existsSync(file)) return send(res, 200, 'application/json', readFileSync(file, 'utf8'));
      }
      if (req.method === 'POST' || req.method === 'PUT') {
        const isPb = (req.headers['content-type'] ?? '').startsWith(PROTOBUF_CONTENT_TYPE);
        const parts = url.pathname.split('/').filter(Boolean);
        const resource = parts[parts.length - 1] ?? 'body';
        seq++;
        const file = join(outDir, `${String(seq).padStart(2, '0')}-${resource}.${isPb ? 'pb' : 'json'}`);
        writeFileSync(file, body);
        let echo: Record<string, unknown>;
        try {
          echo = isPb ? decodeProtobufObject(new Uint8Array(body)) : (JSON.parse(body.toString('utf8')) as Record<string, unknown>);
        } catch (e) {
          // Still answer as an object so kubectl exits cleanly; the body is saved either way.
          process.stdout.write(`  decode failed: ${(e as Error).message}\n`);
          echo = { kind: 'Status', apiVersion: 'v1', metadata: { name: 'x' } };
        }
        process.stdout.write(`  saved ${file}\n`);
        return send(res, 201, 'application/json', JSON.stringify(echo));
      }
      send(res, 404, 'application/json', JSON.stringify({
        kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'not found', reason: 'NotFound', code: 404,
      }));
    });
  });
  server.listen(port, '127.0.0.1', () => process.stdout.write(`listening on 127.0.0.1:${port}\n`));
}

main();
