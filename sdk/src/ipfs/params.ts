import { fixedSize } from "ipfs-unixfs-importer/chunker";
import { balanced } from "ipfs-unixfs-importer/layout";

import type { ImporterOptions } from "ipfs-unixfs-importer";

import { IpfsError } from "./errors.js";
import type { CidVersion } from "./types.js";

/**
 * The fixed parameters every CID of the project is built with, equal to Kubo's
 * `ipfs add --cid-version=1`: CIDv1, raw leaves, sha2-256, 256 KiB fixed-size chunks, a balanced DAG
 * of at most 174 children per node, and a file of a single chunk is that raw leaf itself. CIDv0 (as a
 * plain `ipfs add`) uses the same chunks and layout with dag-pb (UnixFS `file`) leaves. Directories are
 * never wrapped; a directory is HAMT-sharded, as by Kubo, only once its links exceed 256 KiB.
 *
 * The importer's own defaults (1 MiB chunks, 1024 children) differ, so every option is passed explicitly.
 *
 * @example
 * import { IMPORT_PARAMETERS } from "open-model-registry/sdk";
 * console.log(IMPORT_PARAMETERS.chunkSize); // 262144
 */
export const IMPORT_PARAMETERS = Object.freeze({
  hashAlgorithm: "sha2-256",
  chunkSize: 262_144,
  maxChildrenPerNode: 174,
  shardSplitThresholdBytes: 262_144,
  /** Kubo's `--chunker` value for the chunk size. */
  kuboChunker: "size-262144",
} as const);

/**
 * The largest content {@link IpfsBackend.cat} returns unless told otherwise: 16 MiB.
 *
 * @example
 * import { CAT_DEFAULT_MAX_BYTES } from "open-model-registry/sdk";
 * console.log(CAT_DEFAULT_MAX_BYTES); // 16777216
 */
export const CAT_DEFAULT_MAX_BYTES = 16 * 1024 * 1024;

/** Files imported at once by the embedded importer: enough to overlap small files, few enough to keep reads sequential. */
const FILE_IMPORT_CONCURRENCY = 8;
/** Chunks hashed and written at once per file. */
const BLOCK_WRITE_CONCURRENCY = 16;

/**
 * Importer options for a CID version, every one explicit (see {@link IMPORT_PARAMETERS}).
 *
 * @example
 * import { importer } from "ipfs-unixfs-importer";
 * import { importerOptions } from "./params.js";
 * for await (const entry of importer([{ content: bytes }], blockstore, importerOptions(1))) console.log(entry.cid);
 */
export function importerOptions(cidVersion: CidVersion): ImporterOptions {
  const common: ImporterOptions = {
    cidVersion,
    chunker: fixedSize({ chunkSize: IMPORT_PARAMETERS.chunkSize }),
    layout: balanced({ maxChildrenPerNode: IMPORT_PARAMETERS.maxChildrenPerNode }),
    reduceSingleLeafToSelf: true,
    wrapWithDirectory: false,
    shardSplitThresholdBytes: IMPORT_PARAMETERS.shardSplitThresholdBytes,
    shardSplitStrategy: "links-bytes",
    fileImportConcurrency: FILE_IMPORT_CONCURRENCY,
    blockWriteConcurrency: BLOCK_WRITE_CONCURRENCY,
  };
  return cidVersion === 1 ? { ...common, rawLeaves: true } : { ...common, rawLeaves: false, leafType: "file" };
}

/**
 * The options of a Kubo `add` RPC call giving the same CIDs as {@link importerOptions}.
 *
 * @example
 * import { kuboAddOptions } from "./params.js";
 * import { createClient, readDeployment } from "open-model-registry/sdk";
 * const client = createClient({ runner: signer, deployment: await readDeployment("deployments/localhost.json") });
 * for await (const entry of client.addAll(parts, kuboAddOptions(1, true))) console.log(entry.cid);
 */
export function kuboAddOptions(cidVersion: CidVersion, pin: boolean) {
  return {
    cidVersion,
    rawLeaves: cidVersion === 1,
    chunker: IMPORT_PARAMETERS.kuboChunker,
    trickle: false,
    hashAlg: IMPORT_PARAMETERS.hashAlgorithm,
    wrapWithDirectory: false,
    pin,
  };
}

/**
 * Checks a `cidVersion` option at run time (callers in JavaScript can pass anything); undefined means 1.
 *
 * @example
 * import { checkCidVersion } from "./params.js";
 * const cidVersion = checkCidVersion(options.cidVersion); // 0 or 1, or an IpfsError
 */
export function checkCidVersion(value: unknown): CidVersion {
  if (value === undefined) return 1;
  if (value === 0 || value === 1) return value;
  throw new IpfsError(`cidVersion must be 0 or 1, got ${String(value)}.`);
}
