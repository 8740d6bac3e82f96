import { describe, expect, it } from 'vitest';
import { createServer } from 'node:net';
import { assertJava17, assertPortsFree, freePort } from '../../../local/processes';

describe('assertJava17', () => {
  it('says in one line how to install Java when it is missing', () => {
    expect(() => assertJava17('no-such-java-on-this-machine')).toThrow(
      /^DynamoDB Local needs Java 17 or newer: install it \(Debian\/Ubuntu: `apt-get install -y openjdk-17-jre-headless`/,
    );
  });

  it('accepts the Java on this machine', () => {
    expect(() => assertJava17()).not.toThrow();
  });
});

describe('freePort', () => {
  it('gives a loopback port nobody is listening on', async () => {
    const port = await freePort();
    expect(port).toBeGreaterThan(1024);
  });
});

describe('assertPortsFree', () => {
  it('names the port that is taken and passes free ones', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const taken = (server.address() as { port: number }).port;
    try {
      await expect(assertPortsFree({ api: await freePort() })).resolves.toBeUndefined();
      await expect(assertPortsFree({ cognito: taken })).rejects.toThrow(`Port ${taken} (cognito) is already in use`);
    } finally {
      server.close();
    }
  });
});
