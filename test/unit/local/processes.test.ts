import { describe, expect, it } from 'vitest';
import { assertJava17, freePort } from '../../../local/processes';

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
