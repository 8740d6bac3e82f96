import { RemovalPolicy, Validations } from 'aws-cdk-lib';
import { AttributeType, BillingMode, ProjectionType, StreamViewType, Table } from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import type { tableDefinition } from '../../src/adapters/dynamodb/table-definition';
import { projectionOf } from '../../src/adapters/dynamodb/table-definition';

export interface DataTableProps {
  /** The shape shared with the local stack: keys, indexes, TTL, stream and provisioned capacities. */
  readonly definition: typeof tableDefinition;
  readonly pointInTimeRecovery: boolean;
  readonly retain: boolean;
}

/**
 * The one DynamoDB table, built from the same definition the local stack uses. Provisioned capacity is taken
 * as-is from the definition (no auto scaling: scaling up would leave the 25 RCU / 25 WCU free allowance).
 */
export class DataTable extends Construct {
  readonly table: Table;

  constructor(scope: Construct, id: string, props: DataTableProps) {
    super(scope, id);
    const { definition } = props;
    this.table = new Table(this, 'Table', {
      partitionKey: { name: definition.partitionKey, type: AttributeType.STRING },
      sortKey: { name: definition.sortKey, type: AttributeType.STRING },
      billingMode: BillingMode.PROVISIONED,
      readCapacity: definition.readCapacity,
      writeCapacity: definition.writeCapacity,
      timeToLiveAttribute: definition.timeToLiveAttribute,
      stream: StreamViewType[definition.stream],
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: props.pointInTimeRecovery },
      // Deletion protection follows retention so that `npm run destroy -c retainData=false` can really delete.
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
        readCapacity: index.readCapacity,
        writeCapacity: index.writeCapacity,
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
