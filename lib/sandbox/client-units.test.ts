import { describe, expect, it } from 'vitest';
import { KubectlError } from '../kubectl/invocation';
import { loadKubeConfig, parseHttpResponse, transportError } from './client';

describe('SandboxClient helpers', () => {
  it('transport failures read as kubectl words them', () => {
    const refused = transportError(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }), 'https://127.0.0.1:6443');
    expect(refused).toBeInstanceOf(KubectlError);
    expect(refused.raw).toBe(true);
    expect(refused.message).toBe('The connection to the server 127.0.0.1:6443 was refused - did you specify the right host or port?');
    expect(transportError({ code: 'ECONNREFUSED' }, 'https://kubernetes.docker.internal').message).toBe(
      'The connection to the server kubernetes.docker.internal:443 was refused - did you specify the right host or port?',
    );
    expect(transportError({ code: 'DEPTH_ZERO_SELF_SIGNED_CERT' }, 'https://127.0.0.1:6443').message).toBe(
      'Unable to connect to the server: tls: failed to verify certificate: x509: certificate signed by unknown authority',
    );
    expect(transportError({ code: 'ENOTFOUND' }, 'https://nowhere.invalid:6443').message).toBe('Unable to connect to the server: dial tcp: lookup nowhere.invalid: no such host');
  });

  it('an HTTP response through a port-forward is complete by Content-Length, by chunks, or at HEAD', () => {
    const fixed = Buffer.from('HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 5\r\n\r\nhel');
    expect(parseHttpResponse(fixed, false)).toBeUndefined();
    expect(parseHttpResponse(Buffer.concat([fixed, Buffer.from('lo')]), false)).toEqual({ status: 200, statusText: 'OK', headers: { 'Content-Type': 'text/plain', 'Content-Length': '5' }, body: 'hello' });
    const chunked = Buffer.from('HTTP/1.1 404 Not Found\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n');
    expect(parseHttpResponse(chunked, false)?.body).toBe('abcde');
    expect(parseHttpResponse(Buffer.from('HTTP/1.1 200 OK\r\nContent-Length: 615\r\n\r\n'), false, 'HEAD')?.body).toBe('');
    expect(parseHttpResponse(Buffer.from('HTTP/1.1 200 OK\r\n\r\nuntil close'), false)).toBeUndefined();
    expect(parseHttpResponse(Buffer.from('HTTP/1.1 200 OK\r\n\r\nuntil close'), true)?.body).toBe('until close');
  });

  it('a kubeconfig may be YAML text, JSON text or a path, and an unknown context is an error', () => {
    const yaml = 'apiVersion: v1\nkind: Config\nclusters:\n- cluster:\n    server: https://10.0.0.1:6443\n  name: c\ncontexts:\n- context:\n    cluster: c\n    user: u\n    namespace: team\n  name: c\ncurrent-context: c\nusers:\n- name: u\n  user:\n    token: t\n';
    const kc = loadKubeConfig(yaml);
    expect(kc.getCurrentCluster()?.server).toBe('https://10.0.0.1:6443');
    expect(loadKubeConfig(kc.exportConfig()).getCurrentContext()).toBe('c');
    expect(() => loadKubeConfig('/nonexistent/kubeconfig')).toThrow(/ENOENT/);
    expect(() => loadKubeConfig(yaml, 'other')).toThrow('context was not found for specified context: other');
  });
});
