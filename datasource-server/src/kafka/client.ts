// The Kafka client as ingestion sees it: a producer of log messages and a consumer of partition batches.
// kafkajs implements it (kafkajs.ts); another client (e.g. @platformatic/kafka) can replace it here alone.

/** One message to produce: key = org_id (a tenant's rows stay in order on one partition). */
export interface OutgoingMessage {
  readonly key: string;
  readonly value: Buffer;
  readonly headers: Readonly<Record<string, string>>;
}

export interface LogProducer {
  /**
   * Produces the messages; resolves once every one is acknowledged by all in-sync replicas (acks=all,
   * idempotent producer), rejects if any is not.
   */
  send(messages: readonly OutgoingMessage[]): Promise<void>;
  /** Waits for sends in flight, then disconnects. */
  close(): Promise<void>;
}

export interface ConsumedMessage {
  readonly offset: bigint;
  readonly value: Buffer | null;
  readonly headers: Readonly<Record<string, string>>;
}

/** What the group has committed for a partition: the next offset to read and the commit's metadata. */
export interface Committed {
  /** undefined when the group never committed this partition. */
  readonly offset: bigint | undefined;
  readonly metadata: string | null;
}

/** Messages fetched from one partition, with the operations the handler needs to consume them exactly once. */
export interface PartitionBatch {
  readonly topic: string;
  readonly partition: number;
  /** In offset order. */
  readonly messages: readonly ConsumedMessage[];
  /** The group's committed offset and metadata for this partition, read from the broker now. */
  committed(): Promise<Committed>;
  /** Commits `offset` (the next offset to read) with `metadata`; rejects if the commit is refused. */
  commit(offset: bigint, metadata: string | null): Promise<void>;
  /** Marks offsets up to `offset` as processed, so the next fetch starts after it (no commit). */
  resolve(offset: bigint): void;
  heartbeat(): Promise<void>;
  /** False once the consumer is stopping or the partition may have moved to another member. */
  active(): boolean;
}

export interface LogConsumer {
  /**
   * Joins the group and calls `handler` for each fetched partition batch, one at a time, until `stop`.
   * Messages the handler did not `resolve` are fetched again. Resolves once consuming has started.
   */
  run(handler: (batch: PartitionBatch) => Promise<void>): Promise<void>;
  /** Lets the running handler finish (it sees `active()` false), then leaves the group. */
  stop(): Promise<void>;
}
