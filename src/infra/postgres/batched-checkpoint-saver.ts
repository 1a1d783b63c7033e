import type { RunnableConfig } from "@langchain/core/runnables";
import {
  WRITES_IDX_MAP,
  type ChannelVersions,
  type Checkpoint,
  type CheckpointMetadata,
  type CheckpointTuple,
  type PendingWrite,
} from "@langchain/langgraph-checkpoint";
import { PostgresSaver } from "@langchain/langgraph-checkpoint-postgres";
import type pg from "pg";

const WRITES_ROWS = `select $1, $2, $3, $4, w.idx, w.channel, w.type, w.blob
  from unnest($5::int[], $6::text[], $7::text[], $8::bytea[]) as w(idx, channel, type, blob)`;
/** Writes to special channels (errors, interrupts…) replace an earlier value; others are kept once. */
const UPSERT_WRITES = `insert into checkpoint_writes (thread_id, checkpoint_ns, checkpoint_id, task_id, idx, channel, type, blob) ${WRITES_ROWS}
  on conflict (thread_id, checkpoint_ns, checkpoint_id, task_id, idx) do update set channel = excluded.channel, type = excluded.type, blob = excluded.blob`;
const INSERT_WRITES = `insert into checkpoint_writes (thread_id, checkpoint_ns, checkpoint_id, task_id, idx, channel, type, blob) ${WRITES_ROWS}
  on conflict (thread_id, checkpoint_ns, checkpoint_id, task_id, idx) do nothing`;

/**
 * LangGraph's PostgreSQL checkpointer with each write in one statement. The stock saver sends one INSERT per
 * changed channel inside BEGIN…COMMIT: a turn of our graph changes some 25 channels, so saving its checkpoint
 * cost about 30 round trips. Here the blobs go as arrays through `unnest` in the same statement as the
 * checkpoint row (one statement is one transaction), and pending writes likewise; the latest checkpoint is
 * read through a prepared statement. Rows, serialisation and
 * conflict rules are the stock saver's, so both read each other's checkpoints (same tables, default schema).
 */
export class BatchedPostgresSaver extends PostgresSaver {
  private readonly db: pg.Pool;

  constructor(pool: pg.Pool) {
    super(pool);
    this.db = pool;
  }

  /**
   * A thread's latest checkpoint (what every turn reads first) through a prepared statement: the stock
   * saver's query, planned once per connection. Other reads, and checkpoints older than format 4 (which need
   * the stock migration of pending sends), go to the stock saver.
   */
  override async getTuple(config: RunnableConfig): Promise<CheckpointTuple | undefined> {
    const { thread_id, checkpoint_ns = "", checkpoint_id } = config.configurable ?? {};
    if (checkpoint_id) return super.getTuple(config);
    const select = (this as unknown as { SQL_STATEMENTS: { SELECT_SQL: string } }).SQL_STATEMENTS.SELECT_SQL;
    const { rows } = await this.db.query({
      name: "sg_checkpoint_latest",
      text: `${select}WHERE thread_id = $1 AND checkpoint_ns = $2 ORDER BY checkpoint_id DESC LIMIT 1`,
      values: [thread_id, checkpoint_ns],
    });
    const row = rows[0];
    if (row === undefined) return undefined;
    if (row.checkpoint.v < 4 && row.parent_checkpoint_id != null) return super.getTuple(config);
    const at = (id: string) => ({ configurable: { thread_id, checkpoint_ns, checkpoint_id: id } });
    return {
      config: at(row.checkpoint_id),
      checkpoint: await this._loadCheckpoint(row.checkpoint, row.channel_values),
      metadata: await this._loadMetadata(row.metadata),
      parentConfig: row.parent_checkpoint_id ? at(row.parent_checkpoint_id) : undefined,
      pendingWrites: await this._loadWrites(row.pending_writes),
    };
  }

  override async put(config: RunnableConfig, checkpoint: Checkpoint, metadata: CheckpointMetadata, newVersions: ChannelVersions): Promise<RunnableConfig> {
    if (config.configurable === undefined) throw new Error(`Missing "configurable" field in "config" param`);
    const { thread_id, checkpoint_ns = "", checkpoint_id } = config.configurable;
    const serializedCheckpoint = this._dumpCheckpoint(checkpoint);
    const [blobs, serializedMetadata] = await Promise.all([
      this._dumpBlobs(thread_id, checkpoint_ns, checkpoint.channel_values, newVersions),
      this._dumpMetadata(metadata),
    ]);
    await this.db.query({
      name: "sg_checkpoint_put",
      text: `with blobs as (
               insert into checkpoint_blobs (thread_id, checkpoint_ns, channel, version, type, blob)
               select $1, $2, b.channel, b.version, b.type, b.blob
                 from unnest($7::text[], $8::text[], $9::text[], $10::bytea[]) as b(channel, version, type, blob)
               on conflict (thread_id, checkpoint_ns, channel, version) do nothing
             )
             insert into checkpoints (thread_id, checkpoint_ns, checkpoint_id, parent_checkpoint_id, checkpoint, metadata)
             values ($1, $2, $3, $4, $5, $6)
             on conflict (thread_id, checkpoint_ns, checkpoint_id)
             do update set checkpoint = excluded.checkpoint, metadata = excluded.metadata`,
      values: [
        thread_id,
        checkpoint_ns,
        checkpoint.id,
        checkpoint_id,
        serializedCheckpoint,
        serializedMetadata,
        blobs.map((b) => b[2]),
        blobs.map((b) => b[3]),
        blobs.map((b) => b[4]),
        blobs.map((b) => (b[5] ? Buffer.from(b[5]) : null)),
      ],
    });
    return { configurable: { thread_id, checkpoint_ns, checkpoint_id: checkpoint.id } };
  }

  override async putWrites(config: RunnableConfig, writes: PendingWrite[], taskId: string): Promise<void> {
    if (writes.length === 0) return;
    const upsert = writes.every((w) => w[0] in WRITES_IDX_MAP);
    const rows = await this._dumpWrites(config.configurable?.thread_id, config.configurable?.checkpoint_ns, config.configurable?.checkpoint_id, taskId, writes);
    const first = rows[0]!;
    await this.db.query({
      name: upsert ? "sg_checkpoint_writes_upsert" : "sg_checkpoint_writes_insert",
      text: upsert ? UPSERT_WRITES : INSERT_WRITES,
      values: [
        first[0],
        first[1],
        first[2],
        first[3],
        rows.map((r) => r[4]),
        rows.map((r) => r[5]),
        rows.map((r) => r[6]),
        rows.map((r) => Buffer.from(r[7])),
      ],
    });
  }
}
