import type { Log, Provider, TopicFilter } from "ethers";

// Event scans over long block ranges, cut into chunks that public RPCs accept (most refuse eth_getLogs over
// more than a few thousand blocks) and sent a few at a time.

/** The most blocks one `eth_getLogs` request covers unless told otherwise. */
export const LOG_SCAN_BLOCKS = 10_000;

/** How many `eth_getLogs` requests are in flight at once. */
export const LOG_SCAN_CONCURRENCY = 4;

/** Parameters of {@link scanLogs}. */
export interface ScanLogsParameters {
  /** The emitting contract(s). */
  address: string | string[];
  topics?: TopicFilter;
  fromBlock: number;
  toBlock: number;
  /** Blocks per request; {@link LOG_SCAN_BLOCKS} by default. */
  blockRange?: number;
}

/**
 * Reads the logs matching a filter from `fromBlock` to `toBlock` (both included) in chunks of `blockRange`
 * blocks, a few requests at a time, and returns them in chain order.
 *
 * @example
 * import { scanLogs } from "open-model-registry/sdk";
 * const logs = await scanLogs(provider, { address: token, fromBlock: 0, toBlock: await provider.getBlockNumber() });
 */
export async function scanLogs(provider: Provider, params: ScanLogsParameters): Promise<Log[]> {
  const step = Math.max(1, Math.floor(params.blockRange ?? LOG_SCAN_BLOCKS));
  const ranges: [number, number][] = [];
  for (let start = params.fromBlock; start <= params.toBlock; start += step) {
    ranges.push([start, Math.min(params.toBlock, start + step - 1)]);
  }
  const found: Log[][] = new Array<Log[]>(ranges.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < ranges.length) {
      const index = next++;
      const [fromBlock, toBlock] = ranges[index];
      found[index] = await provider.getLogs({ address: params.address, topics: params.topics, fromBlock, toBlock });
    }
  };
  await Promise.all(Array.from({ length: Math.min(LOG_SCAN_CONCURRENCY, ranges.length) }, worker));
  return found.flat();
}
