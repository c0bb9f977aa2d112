// A self-signed serving certificate for the simulated API server, made at start-up.
//
// Why TLS on loopback: client-go attaches bearer tokens only to TLS connections (kubectl never
// sends `Authorization` to an http:// server; kubernetes/kubectl#744), so per-learner tokens and
// their 403s need https. The certificate is its own CA (kubeconfig `certificate-authority-data`);
// Go's verifier accepts a leaf that is itself in the root pool.
//
// Node can parse X.509 but not issue it, so the certificate is DER-encoded here: an ECDSA P-256
// key, SHA-256 signature, SANs for 127.0.0.1, ::1 and localhost. Only the ASN.1 needed for that.

import { generateKeyPairSync, randomBytes, sign } from 'node:crypto';

export interface ServingCert {
  certPem: string;
  keyPem: string;
}

function len(n: number): Buffer {
  if (n < 0x80) return Buffer.from([n]);
  const bytes: number[] = [];
  while (n > 0) {
    bytes.unshift(n & 0xff);
    n >>= 8;
  }
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

function tlv(tag: number, ...content: Buffer[]): Buffer {
  const body = Buffer.concat(content);
  return Buffer.concat([Buffer.from([tag]), len(body.length), body]);
}

const seq = (...c: Buffer[]): Buffer => tlv(0x30, ...c);
const set = (...c: Buffer[]): Buffer => tlv(0x31, ...c);
const octets = (b: Buffer): Buffer => tlv(0x04, b);
const bool = (v: boolean): Buffer => tlv(0x01, Buffer.from([v ? 0xff : 0]));
const utf8 = (s: string): Buffer => tlv(0x0c, Buffer.from(s, 'utf8'));
const bitString = (b: Buffer, unused = 0): Buffer => tlv(0x03, Buffer.from([unused]), b);

function integer(b: Buffer): Buffer {
  // DER integers are signed: a leading 1 bit needs a 0 byte in front.
  return tlv(0x02, b[0] & 0x80 ? Buffer.concat([Buffer.from([0]), b]) : b);
}

function oid(dotted: string): Buffer {
  const parts = dotted.split('.').map(Number);
  const out: number[] = [parts[0] * 40 + parts[1]];
  for (const p of parts.slice(2)) {
    const stack: number[] = [p & 0x7f];
    let v = p >>> 7;
    while (v > 0) {
      stack.unshift((v & 0x7f) | 0x80);
      v >>>= 7;
    }
    out.push(...stack);
  }
  return tlv(0x06, Buffer.from(out));
}

/** UTCTime (YYMMDDHHMMSSZ), valid for years up to 2049 as RFC 5280 requires. */
function utcTime(d: Date): Buffer {
  const p = (n: number) => String(n).padStart(2, '0');
  const s = `${p(d.getUTCFullYear() % 100)}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}${p(d.getUTCHours())}${p(d.getUTCMinutes())}${p(d.getUTCSeconds())}Z`;
  return tlv(0x17, Buffer.from(s, 'ascii'));
}

function extension(id: string, critical: boolean, value: Buffer): Buffer {
  return critical ? seq(oid(id), bool(true), octets(value)) : seq(oid(id), octets(value));
}

function ipBytes(ip: string): Buffer {
  if (ip.includes(':')) {
    // only the forms used here: '::1'
    const b = Buffer.alloc(16);
    if (ip === '::1') b[15] = 1;
    return b;
  }
  return Buffer.from(ip.split('.').map(Number));
}

function pem(label: string, der: Buffer): string {
  const b64 = der.toString('base64').replace(/.{64}/g, '$&\n').replace(/\n$/, '');
  return `-----BEGIN ${label}-----\n${b64}\n-----END ${label}-----\n`;
}

export function selfSignedCert(opts: { commonName?: string; dnsNames?: string[]; ips?: string[]; now?: Date; days?: number } = {}): ServingCert {
  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const now = opts.now ?? new Date();
  const notBefore = new Date(now.getTime() - 60 * 60 * 1000);
  const notAfter = new Date(now.getTime() + (opts.days ?? 365) * 24 * 60 * 60 * 1000);
  const name = seq(set(seq(oid('2.5.4.3'), utf8(opts.commonName ?? 'podbook-apiserver'))));
  const ecdsaWithSha256 = seq(oid('1.2.840.10045.4.3.2'));
  const serial = randomBytes(16);
  serial[0] &= 0x7f;

  const san = seq(
    ...(opts.dnsNames ?? ['localhost']).map((d) => tlv(0x82, Buffer.from(d, 'ascii'))),
    ...(opts.ips ?? ['127.0.0.1', '::1']).map((ip) => tlv(0x87, ipBytes(ip))),
  );
  const extensions = tlv(
    0xa3,
    seq(
      extension('2.5.29.15', true, bitString(Buffer.from([0x84]), 2)), // digitalSignature, keyCertSign
      extension('2.5.29.37', false, seq(oid('1.3.6.1.5.5.7.3.1'))), // serverAuth
      extension('2.5.29.19', true, seq(bool(true))), // CA: its own root
      extension('2.5.29.17', false, san),
    ),
  );
  const tbs = seq(
    tlv(0xa0, integer(Buffer.from([2]))),
    integer(serial),
    ecdsaWithSha256,
    name,
    seq(utcTime(notBefore), utcTime(notAfter)),
    name,
    publicKey.export({ type: 'spki', format: 'der' }),
    extensions,
  );
  const signature = sign('sha256', tbs, privateKey);
  const cert = seq(tbs, ecdsaWithSha256, bitString(signature));
  return { certPem: pem('CERTIFICATE', cert), keyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() };
}
