import { describe, expect, it } from 'vitest';
import { RequestParser, serializeResponse } from './http1';

describe('HTTP/1.1 over a forwarded connection', () => {
  it('parses requests split across reads and pipelined in one read, bodies included', () => {
    const p = new RequestParser();
    expect(p.push(Buffer.from('GET / HTTP/1.1\r\nHost: loc'))).toEqual([]);
    const reqs = p.push(Buffer.from('alhost\r\n\r\nPOST /x HTTP/1.1\r\nContent-Length: 3\r\n\r\nabcGET /y HTTP/1.0\r\n\r\n'));
    expect(reqs.map((r) => [r.method, r.path, r.version, r.headers.Host ?? '', r.body.toString()])).toEqual([
      ['GET', '/', 'HTTP/1.1', 'localhost', ''],
      ['POST', '/x', 'HTTP/1.1', '', 'abc'],
      ['GET', '/y', 'HTTP/1.0', '', ''],
    ]);
  });

  it('reads a chunked request body', () => {
    const p = new RequestParser();
    const [r] = p.push(Buffer.from('PUT /c HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n'));
    expect(r.body.toString()).toBe('abcde');
  });

  it('marks a stream that is not HTTP as broken', () => {
    const p = new RequestParser();
    p.push(Buffer.from('\x16\x03\x01 tls hello\r\n\r\n'));
    expect(p.broken).toBe(true);
  });

  it('writes the responder’s headers in order, adds Content-Length, and frames Kestrel’s chunked body', () => {
    const plain = serializeResponse({ status: 200, statusText: 'OK', headers: { Server: 'nginx/1.27.4' }, body: '한' }, false).toString('latin1');
    expect(plain).toBe('HTTP/1.1 200 OK\r\nServer: nginx/1.27.4\r\nContent-Length: 3\r\n\r\n\xed\x95\x9c');
    const chunked = serializeResponse({ status: 200, statusText: 'OK', headers: { 'Transfer-Encoding': 'chunked' }, body: '"hi"' }, false).toString();
    expect(chunked).toBe('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n4\r\n"hi"\r\n0\r\n\r\n');
    const head = serializeResponse({ status: 200, statusText: 'OK', headers: { 'Content-Length': '615' }, body: '' }, true).toString();
    expect(head).toBe('HTTP/1.1 200 OK\r\nContent-Length: 615\r\n\r\n');
  });
});
