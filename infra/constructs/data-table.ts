import { RemovalPolicy, Validations } from 'aws-cdk-lib';
import { AttributeType, BillingMode, ProjectionType, StreamViewType, Table } from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import { splitCapacity } from '../capacity';
import type { tableDefinition } from '../../src/adapters/dynamodb/table-definition';
import { projectionOf } from '../../src/adapters/dynamodb/table-definition';

export interface DataTableProps {
  /** The shape shared with the local stack: keys, indexes, TTL, stream and provisioned capacities. */
  readonly definition: typeof tableDefinition;
  readonly pointInTimeRecovery: boolean;
  readonly retain: boolean;
  /** This stage's provisioned units in all, split between the table and its indexes as the definition splits 25. */
  readonly readCapacity: number;
  readonly writeCapacity: number;
}

/**
 * The one DynamoDB table, built from the same definition the local stack uses. Provisioned capacity is the stage's
 * (25 RCU / 25 WCU, the free allowance, split exactly as the definition, for the free-tier stage), with no auto
 * scaling: scaling up would leave the free allowance.
 */
export class DataTable extends Construct {
  readonly table: Table;

  constructor(scope: Construct, id: string, props: DataTableProps) {
    super(scope, id);
    const { definition } = props;
    const reads = splitCapacity(props.readCapacity, definition);
    const writes = splitCapacity(props.writeCapacity, definition);
    this.table = new Table(this, 'Table', {
      partitionKey: { name: definition.partitionKey, type: AttributeType.STRING },
      sortKey: { name: definition.sortKey, type: AttributeType.STRING },
      billingMode: BillingMode.PROVISIONED,
      readCapacity: reads.table,
      writeCapacity: writes.table,
      timeToLiveAttribute: definition.timeToLiveAttribute,
      stream: StreamViewType[definition.stream],
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: props.pointInTimeRecovery },
      // Deletion protection follows retention, so a stage deployed with -c retainData=false is destroyed whole.
      deletionProtection: props.retain,
      removalPolicy: props.retain ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    for (const index of definition.indexes) {
      this.table.addGlobalSecondaryIndex({
        indexName: index.name,
        partitionKey: { name: index.partitionKey, type: AttributeType.STRING },
        sortKey: { name: index.sortKey, type: AttributeType.STRING },
        projectionType: ProjectionType[projectionOf(index).type],
        nonKeyAttributes: projectionOf(index).attributes,
        readCapacity: reads.indexes[index.name],
        writeCapacity: writes.indexes[index.name],
      });
    }
    if (!props.pointInTimeRecovery) {
      Validations.of(this.table).acknowledge({
        id: 'AwsSolutions-DDB3',
        reason:
          'Point-in-time recovery is billed per GB-month and is outside the free tier; it is a deploy-time choice ' +
          '(-c pointInTimeRecovery=true). The table holds profiles and sign-ups that users can re-enter.',
      });
    }
  }
}
