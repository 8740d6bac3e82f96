import { describe, expect, it } from 'vitest';
import { selectedRecords } from '../../../local/runtime/stream-poller';
import { functionNamed } from '../../../src/manifest';

/** The stream records as Lambda's event and the Streams API carry them (typed attribute values). */
const record = (eventName: 'INSERT' | 'MODIFY' | 'REMOVE', type: string, extra: Record<string, unknown> = {}) => {
  const image = { pk: { S: `X#${type}` }, sk: { S: 'A' }, type: { S: type } };
  return {
    eventName,
    dynamodb: {
      Keys: { pk: image.pk, sk: image.sk },
      ...(eventName === 'REMOVE' ? {} : { NewImage: image }),
      ...(eventName === 'INSERT' ? {} : { OldImage: image }),
    },
    ...extra,
  };
};
/** How DynamoDB marks a deletion by TTL expiry. */
const ttlExpiry = { userIdentity: { type: 'Service', principalId: 'dynamodb.amazonaws.com' } };
const filtersOf = (name: 'table-stream' | 'search-indexer') => {
  const { trigger } = functionNamed(name);
  return trigger.kind === 'dynamodb-stream' ? trigger.filters : undefined;
};

describe('the local stream poller applies the manifest filters the stack deploys', () => {
  it('invokes the outbox relay for new outbox records and performance changes only', () => {
    const wanted = [record('INSERT', 'Outbox'), record('MODIFY', 'Performance')];
    const unwanted = [
      record('REMOVE', 'Performance'), // nothing for the relay to do: a deletion is a MODIFY (deletedAt)
      record('REMOVE', 'Outbox', ttlExpiry), // an outbox record expiring
      record('REMOVE', 'Performance', ttlExpiry), // a deleted performance expiring
      record('MODIFY', 'Outbox'),
      record('INSERT', 'Performance'),
      record('INSERT', 'SignUp'),
      record('MODIFY', 'Profile'),
      record('INSERT', 'SentEmail'),
    ];
    expect(selectedRecords([...unwanted, ...wanted], filtersOf('table-stream'))).toEqual(wanted);
  });

  it('invokes the search indexer for performance changes only, never for a TTL expiry or another item', () => {
    const wanted = [record('INSERT', 'Performance'), record('MODIFY', 'Performance'), record('REMOVE', 'Performance')];
    const unwanted = [
      record('REMOVE', 'Performance', ttlExpiry),
      record('INSERT', 'Outbox'),
      record('REMOVE', 'SignUp', ttlExpiry),
      record('MODIFY', 'Reminder'),
    ];
    expect(selectedRecords([unwanted[0], ...wanted, ...unwanted.slice(1)], filtersOf('search-indexer'))).toEqual(
      wanted,
    );
  });

  it('delivers every record to a consumer without filters', () => {
    const all = [record('INSERT', 'Outbox'), record('REMOVE', 'SignUp', ttlExpiry)];
    expect(selectedRecords(all, undefined)).toEqual(all);
  });
});
