// davscope's own certificate authority for --tls, as mitmproxy has one: made on first use and kept in
// the user's config directory (keys 0600), it issues the proxy port's certificate for localhost,
// 127.0.0.1, ::1, this machine's name and any --tls-name. Certificates are made by @peculiar/x509 on
// Node's WebCrypto (ECDSA P-256, SHA-256), not by hand.
import { webcrypto } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { hostname, homedir } from 'node:os';
import { isIP } from 'node:net';
import { createSecureContext } from 'node:tls';
import { join } from 'node:path';
import * as x509 from '@peculiar/x509';
import { writePrivateFileSync } from '../private-files.ts';

export interface TlsMaterial {
  /** PEM certificate chain the proxy port serves (leaf, then the CA when davscope issued it). */
  readonly cert: string;
  /** PEM private key of the leaf. */
  readonly key: string;
  /** The CA certificate file clients should trust, when davscope's CA issued the leaf. */
  readonly caPath?: string;
  /** The names the certificate covers. */
  readonly names: readonly string[];
}

const ALGORITHM = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;
const DAY = 24 * 60 * 60 * 1000;
x509.cryptoProvider.set(webcrypto as unknown as Crypto);

/** Where davscope keeps its CA: $DAVSCOPE_CONFIG_DIR, else $XDG_CONFIG_HOME/davscope, else ~/.config/davscope. */
export function configDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.DAVSCOPE_CONFIG_DIR) return env.DAVSCOPE_CONFIG_DIR;
  return join(env.XDG_CONFIG_HOME || join(homedir(), '.config'), 'davscope');
}

/** The names a certificate for this machine covers, plus the ones asked for. */
export function certificateNames(extra: readonly string[] = []): string[] {
  return [...new Set(['localhost', '127.0.0.1', '::1', hostname(), ...extra].filter(Boolean))];
}

/** davscope's CA from the config directory, made there on first use. */
export async function loadOrCreateCa(dir: string): Promise<{ cert: x509.X509Certificate; key: CryptoKey; certPath: string }> {
  const certPath = join(dir, 'davscope-ca.pem');
  const keyPath = join(dir, 'davscope-ca-key.pem');
  if (existsSync(certPath) && existsSync(keyPath)) {
    try {
      const certPem = readFileSync(certPath, 'utf8');
      const keyPem = readFileSync(keyPath, 'utf8');
      // A key that is not the certificate's would issue leaves no client can verify: refuse it here.
      matchingPair(certPem, keyPem);
      const cert = new x509.X509Certificate(certPem);
      const key = await webcrypto.subtle.importKey('pkcs8', pemBody(keyPem), ALGORITHM, false, ['sign']);
      return { cert, key: key as unknown as CryptoKey, certPath };
    } catch (err) {
      throw new Error(
        `the davscope CA in ${dir} cannot be used (${(err as Error).message}): move davscope-ca.pem and davscope-ca-key.pem away ` +
          `and davscope makes a new CA on its next start (clients must then trust the new one)`,
      );
    }
  }
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const keys = (await webcrypto.subtle.generateKey(ALGORITHM, true, ['sign', 'verify'])) as unknown as CryptoKeyPair;
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: serial(),
    name: `CN=davscope CA (${hostname()}), O=davscope`,
    notBefore: new Date(Date.now() - DAY),
    notAfter: new Date(Date.now() + 10 * 365 * DAY),
    keys,
    signingAlgorithm: ALGORITHM,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  writePrivateFileSync(keyPath, toPem('PRIVATE KEY', await webcrypto.subtle.exportKey('pkcs8', keys.privateKey as never)));
  writePrivateFileSync(certPath, cert.toString('pem') + '\n');
  return { cert, key: keys.privateKey, certPath };
}

/** A certificate for the proxy port, issued by davscope's CA (kept in `dir`), for these names. */
export async function issueCertificate(dir: string, names: readonly string[]): Promise<TlsMaterial> {
  const ca = await loadOrCreateCa(dir);
  const keys = (await webcrypto.subtle.generateKey(ALGORITHM, true, ['sign', 'verify'])) as unknown as CryptoKeyPair;
  const leaf = await x509.X509CertificateGenerator.create({
    serialNumber: serial(),
    subject: `CN=${names[0] ?? 'localhost'}`,
    issuer: ca.cert.subject,
    notBefore: new Date(Date.now() - DAY),
    notAfter: new Date(Date.now() + 365 * DAY),
    signingKey: ca.key,
    publicKey: keys.publicKey,
    signingAlgorithm: ALGORITHM,
    extensions: [
      new x509.SubjectAlternativeNameExtension(names.map((n) => (isIP(n) ? { type: 'ip' as const, value: n } : { type: 'dns' as const, value: n }))),
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
      await x509.AuthorityKeyIdentifierExtension.create(ca.cert),
    ],
  });
  const key = toPem('PRIVATE KEY', await webcrypto.subtle.exportKey('pkcs8', keys.privateKey as never));
  return { cert: `${leaf.toString('pem')}\n${ca.cert.toString('pem')}\n`, key, caPath: ca.certPath, names };
}

/** The user's own certificate and key (--tls-cert, --tls-key); a clear error when they are not PEM. */
export function userCertificate(certFile: string, keyFile: string): TlsMaterial {
  const read = (file: string, flag: string, kind: RegExp) => {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (err) {
      throw new Error(`${flag} ${file}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message}`);
    }
    if (!kind.test(text)) throw new Error(`${flag} ${file} is not a PEM file (no "-----BEGIN ...-----" line of the right kind)`);
    return text;
  };
  const cert = read(certFile, '--tls-cert', /-----BEGIN CERTIFICATE-----/);
  const key = read(keyFile, '--tls-key', /-----BEGIN (?:[A-Z]+ )?PRIVATE KEY-----/);
  try {
    matchingPair(cert, key);
  } catch (err) {
    throw new Error(`--tls-key ${keyFile} cannot serve --tls-cert ${certFile} (${(err as Error).message}): give the key the certificate was made for, unencrypted`);
  }
  let names: string[] = [];
  try {
    const c = new x509.X509Certificate(cert);
    const san = c.getExtension(x509.SubjectAlternativeNameExtension);
    names = san ? san.names.items.map((n) => n.value) : [];
  } catch {
    // Node checks the pair when the server starts; the names are only for the banner.
  }
  return { cert, key, names };
}

/** Throws unless the key is the certificate's (OpenSSL checks the pair as a TLS server would). */
function matchingPair(cert: string, key: string): void {
  createSecureContext({ cert, key });
}

function serial(): string {
  return Buffer.from(webcrypto.getRandomValues(new Uint8Array(16))).toString('hex').replace(/^[89a-f]/, '1');
}

function toPem(label: string, der: ArrayBuffer): string {
  const b64 = Buffer.from(der).toString('base64').replace(/.{64}/g, '$&\n');
  return `-----BEGIN ${label}-----\n${b64}${b64.endsWith('\n') ? '' : '\n'}-----END ${label}-----\n`;
}

function pemBody(pem: string): Uint8Array {
  return Buffer.from(pem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, ''), 'base64');
}
