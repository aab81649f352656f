import { create } from "kubo-rpc-client";

import type { KuboRPCClient } from "kubo-rpc-client";
import type { CID } from "multiformats/cid";

import { toCid } from "./cid.js";
import { ContentNotFoundError, IpfsError, KuboRequestError } from "./errors.js";
import { ProgressCounter, scanPath, treeParts } from "./disk.js";
import { contentSizes, sortEntries, withEmptyDirectories } from "./import.js";
import { checkCidVersion, kuboAddOptions } from "./params.js";
import { VerifyingBackend } from "./backend.js";
import type { AddedEntry, AddOptions, AddResult, IpfsBackend } from "./types.js";

/**
 * One part of a Kubo add: a directory (no content) or a file and its streamed content.
 *
 * @example
 * import type { KuboAddCandidate } from "open-model-registry/sdk";
 * const part: KuboAddCandidate = { path: "weights/config.json", content: [new Uint8Array([123, 125])] };
 */
export type KuboAddCandidate =
  | { path: string; content?: undefined }
  | { path?: string; content: AsyncIterable<Uint8Array> | Iterable<Uint8Array> };

/**
 * The part of a Kubo RPC client this backend uses. A `kubo-rpc-client` instance has it, and so has an
 * instance of the deprecated `ipfs-http-client`. CIDs it returns may come from any copy of multiformats.
 *
 * @example
 * import { create } from "kubo-rpc-client";
 * import type { KuboClient } from "open-model-registry/sdk";
 * const client: KuboClient = create({ url: "http://127.0.0.1:5001" });
 */
export interface KuboClient {
  addAll(
    source: AsyncIterable<KuboAddCandidate>,
    options?: {
      cidVersion?: 0 | 1;
      rawLeaves?: boolean;
      chunker?: string;
      trickle?: boolean;
      hashAlg?: string;
      wrapWithDirectory?: boolean;
      pin?: boolean;
      signal?: AbortSignal;
    },
  ): AsyncIterable<{ cid: unknown; path: string; size: number }>;
  block: {
    get(cid: CID, options?: { signal?: AbortSignal; timeout?: number }): Promise<Uint8Array>;
  };
  pin: {
    add(cid: CID, options?: { recursive?: boolean; signal?: AbortSignal }): Promise<unknown>;
    ls(options?: {
      paths?: CID[];
      type?: "recursive" | "direct" | "indirect" | "all";
    }): AsyncIterable<{ cid: unknown; type: string }>;
  };
}

/**
 * Options of {@link createKuboIpfs}.
 *
 * @example
 * import type { KuboIpfsOptions } from "open-model-registry/sdk";
 * const options: KuboIpfsOptions = { blockTimeoutMs: 30_000 };
 */
export interface KuboIpfsOptions {
  /**
   * How long to wait for the daemon to produce one block before reporting it not found (an online
   * daemon keeps looking for a missing block on the network). Default 60 000 ms.
   */
  blockTimeoutMs?: number;
}

const DEFAULT_BLOCK_TIMEOUT_MS = 60_000;

function isClient(value: unknown): value is KuboClient {
  const client = value as Partial<KuboClient> | null;
  return (
    typeof client === "object" &&
    client !== null &&
    typeof client.addAll === "function" &&
    typeof client.block?.get === "function" &&
    typeof client.pin?.add === "function" &&
    typeof client.pin?.ls === "function"
  );
}

function messageOf(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

class KuboIpfs extends VerifyingBackend {
  readonly kind = "kubo" as const;

  constructor(
    private readonly client: KuboClient,
    private readonly where: string,
    private readonly blockTimeoutMs: number,
  ) {
    super("Kubo");
  }

  /** Reads one block from the daemon; VerifiedBlocks checks it, the daemon is not trusted. */
  protected async readBlock(cid: CID): Promise<Uint8Array> {
    try {
      // The daemon is told the timeout, and the request is also abandoned shortly after it, should the
      // daemon not honour it.
      const signal = AbortSignal.timeout(this.blockTimeoutMs + 5_000);
      return await this.client.block.get(cid, { timeout: this.blockTimeoutMs, signal });
    } catch (error) {
      const message = messageOf(error);
      if (/not found|could not find|timeout|timed out|deadline exceeded|abort/i.test(message)) {
        throw new ContentNotFoundError(
          cid.toString(),
          `by the Kubo daemon ${this.where} within ${this.blockTimeoutMs} ms`,
          error,
        );
      }
      throw new KuboRequestError(`The Kubo daemon ${this.where} failed to return block ${cid}.`, { cause: error });
    }
  }

  /**
   * Sends parts to the daemon's `add` and returns every entry it reports, by the path it reports. An error
   * reading a file is rethrown as such (the client would only report an aborted request).
   */
  private async send(
    parts: () => AsyncGenerator<KuboAddCandidate>,
    cidVersion: 0 | 1,
    pin: boolean,
  ): Promise<{ path: string; cid: CID }[]> {
    let readError: unknown;
    const guarded = async function* () {
      for await (const part of parts()) {
        if (part.content === undefined) {
          yield part;
          continue;
        }
        const content = part.content;
        yield {
          path: part.path,
          content: (async function* () {
            try {
              yield* content;
            } catch (error) {
              readError = error;
              throw error;
            }
          })(),
        };
      }
    };
    const reported: { path: string; cid: CID }[] = [];
    try {
      for await (const entry of this.client.addAll(guarded(), kuboAddOptions(cidVersion, pin))) {
        reported.push({ path: entry.path, cid: toCid(entry.cid as CID) });
      }
    } catch (error) {
      if (readError !== undefined) throw readError;
      throw new KuboRequestError(`The Kubo daemon ${this.where} failed to add the content: ${messageOf(error)}`, {
        cause: error,
      });
    }
    if (readError !== undefined) throw readError;
    return reported;
  }

  async add(path: string, options: AddOptions = {}): Promise<AddResult> {
    this.checkOpen();
    const cidVersion = checkCidVersion(options.cidVersion);
    const tree = await scanPath(path);
    const progress = new ProgressCounter(tree.totalBytes, options.onProgress);
    const name = tree.rootName;
    // Paths relative to the root's parent, depth-first, as `ipfs add -r` sends them.
    const parts = () => treeParts(tree, name, progress);
    progress.start();
    const reported = await this.send(parts, cidVersion, options.pin ?? true);

    const sizes = contentSizes(tree);
    const entries: AddedEntry[] = [];
    for (const { path: reportedPath, cid } of reported) {
      const relative =
        reportedPath === name
          ? ""
          : reportedPath.startsWith(`${name}/`)
            ? reportedPath.slice(name.length + 1)
            : undefined;
      if (relative === undefined || !sizes.has(relative)) continue;
      entries.push({ path: relative, cid, size: sizes.get(relative)! });
    }
    const root = entries.find((entry) => entry.path === "");
    if (!root)
      throw new KuboRequestError(`The Kubo daemon ${this.where} did not report the root of ${tree.absolutePath}.`);
    return {
      cid: root.cid,
      size: root.size,
      entries: sortEntries(await withEmptyDirectories(tree, entries, cidVersion)),
    };
  }

  async addBytes(bytes: Uint8Array, options: AddOptions = {}): Promise<AddResult> {
    this.checkOpen();
    if (!(bytes instanceof Uint8Array)) throw new IpfsError("addBytes takes a Uint8Array.");
    const cidVersion = checkCidVersion(options.cidVersion);
    options.onProgress?.({ bytes: 0, total: bytes.length });
    const reported = await this.send(
      async function* () {
        yield { content: [bytes] };
      },
      cidVersion,
      options.pin ?? true,
    );
    const last = reported.at(-1);
    if (!last) throw new KuboRequestError(`The Kubo daemon ${this.where} did not report the content added.`);
    options.onProgress?.({ bytes: bytes.length, total: bytes.length });
    const root = { path: "", cid: last.cid, size: bytes.length };
    return { cid: root.cid, size: root.size, entries: [root] };
  }

  async pin(cid: CID | string): Promise<void> {
    this.checkOpen();
    const root = toCid(cid);
    try {
      await this.client.pin.add(root, { recursive: true });
    } catch (error) {
      throw new KuboRequestError(`The Kubo daemon ${this.where} failed to pin ${root}: ${messageOf(error)}`, {
        cause: error,
      });
    }
  }

  async isPinned(cid: CID | string): Promise<boolean> {
    this.checkOpen();
    const root = toCid(cid);
    try {
      for await (const pin of this.client.pin.ls({ paths: [root] })) {
        if (pin.type === "recursive" || pin.type === "direct") return true;
      }
      return false;
    } catch (error) {
      if (/not pinned/i.test(messageOf(error))) return false;
      throw new KuboRequestError(
        `The Kubo daemon ${this.where} failed to list the pins of ${root}: ${messageOf(error)}`,
        { cause: error },
      );
    }
  }

  async close(): Promise<void> {
    this.closed = true;
  }
}

/**
 * An IPFS backend over a Kubo daemon's RPC API (`/api/v0`, port 5001 by default). Adds go through the
 * daemon's own `add` with every parameter explicit ({@link IMPORT_PARAMETERS}), file contents streamed;
 * reads (`cat`, `pull`) fetch raw blocks and verify each one here, trusting nothing the daemon says.
 *
 * `endpoint` is the RPC address (`http://127.0.0.1:5001`, a `URL`, or a multiaddr such as
 * `/ip4/127.0.0.1/tcp/5001`) or an already-made client: a `kubo-rpc-client` instance, or one of the
 * deprecated `ipfs-http-client`.
 *
 * @example
 * import { createKuboIpfs } from "open-model-registry/sdk";
 * const ipfs = createKuboIpfs("http://127.0.0.1:5001");
 * const { cid } = await ipfs.add("./models/face_landmark_68");
 * await ipfs.pull(cid, "/tmp/face_landmark_68");
 *
 * @example
 * import { create } from "kubo-rpc-client";
 * import { createKuboIpfs } from "open-model-registry/sdk";
 * const ipfs = createKuboIpfs(create({ url: "http://127.0.0.1:5001", timeout: "10m" }));
 */
export function createKuboIpfs(
  endpoint: string | URL | KuboRPCClient | KuboClient,
  options: KuboIpfsOptions = {},
): IpfsBackend {
  const blockTimeoutMs = options.blockTimeoutMs ?? DEFAULT_BLOCK_TIMEOUT_MS;
  if (typeof endpoint === "string" || endpoint instanceof URL) {
    let client: KuboRPCClient;
    try {
      client = create({ url: endpoint });
    } catch (error) {
      throw new KuboRequestError(`Not a usable Kubo RPC address: ${String(endpoint)}.`, { cause: error });
    }
    return new KuboIpfs(client, `at ${String(endpoint)}`, blockTimeoutMs);
  }
  if (!isClient(endpoint)) {
    throw new IpfsError(
      "createKuboIpfs takes an RPC address or a Kubo RPC client (with addAll, block.get, pin.add, pin.ls).",
    );
  }
  let where = "(client given)";
  try {
    const config = (
      endpoint as { getEndpointConfig?: () => { protocol: string; host: string; port: string } }
    ).getEndpointConfig?.();
    if (config) where = `at ${config.protocol}//${config.host}:${config.port}`;
  } catch {
    // The address is only used in messages.
  }
  return new KuboIpfs(endpoint, where, blockTimeoutMs);
}
