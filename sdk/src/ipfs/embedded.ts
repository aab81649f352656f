import { randomBytes } from "node:crypto";
import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";

import * as dagPb from "@ipld/dag-pb";
import { base32 } from "multiformats/bases/base32";
import * as raw from "multiformats/codecs/raw";
import { identity } from "multiformats/hashes/identity";

import type { CID } from "multiformats/cid";

import { EmbeddedBlockstore } from "./blockstore.js";
import { toCid } from "./cid.js";
import { ContentNotFoundError, IpfsError, UnsupportedContentError } from "./errors.js";
import { importBytes, importTree } from "./import.js";
import { scanPath } from "./disk.js";
import { checkCidVersion } from "./params.js";
import { VerifyingBackend } from "./backend.js";
import { decodePb } from "./verify.js";
import type { AddOptions, AddResult, IpfsBackend } from "./types.js";

/**
 * Options of {@link createEmbeddedIpfs}.
 *
 * @example
 * import type { EmbeddedIpfsOptions } from "open-model-registry/sdk";
 * const options: EmbeddedIpfsOptions = { directory: "/var/lib/models/.ipfs" };
 */
export interface EmbeddedIpfsOptions {
  /** Where blocks (`<directory>/blocks`) and pins (`<directory>/pins`) live. Default `.ipfs` under the current directory. */
  directory?: string;
}

/** dag-pb nodes read at once while checking that a DAG is complete. */
const PIN_WALK_CONCURRENCY = 16;

class EmbeddedIpfs extends VerifyingBackend {
  readonly kind = "embedded" as const;

  constructor(
    readonly directory: string,
    private readonly blockstore: EmbeddedBlockstore,
  ) {
    super("embedded");
  }

  protected readBlock(cid: CID): Promise<Uint8Array> {
    return this.blockstore.read(cid);
  }

  private get blocksPath(): string {
    return join(this.directory, "blocks");
  }

  private get pinsPath(): string {
    return join(this.directory, "pins");
  }

  async add(path: string, options: AddOptions = {}): Promise<AddResult> {
    this.checkOpen();
    const cidVersion = checkCidVersion(options.cidVersion);
    const result = await importTree(await scanPath(path), this.blockstore, cidVersion, options.onProgress);
    if (options.pin ?? true) await this.writePin(result.cid);
    return result;
  }

  async addBytes(bytes: Uint8Array, options: AddOptions = {}): Promise<AddResult> {
    this.checkOpen();
    const cidVersion = checkCidVersion(options.cidVersion);
    const result = await importBytes(bytes, this.blockstore, cidVersion, options.onProgress);
    if (options.pin ?? true) await this.writePin(result.cid);
    return result;
  }

  async pin(cid: CID | string): Promise<void> {
    this.checkOpen();
    const root = toCid(cid);
    await this.checkComplete(root);
    await this.writePin(root);
  }

  async isPinned(cid: CID | string): Promise<boolean> {
    this.checkOpen();
    try {
      await readFile(this.pinFile(toCid(cid)));
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return false;
      throw new IpfsError(`Cannot read the pins in ${this.pinsPath}.`, { cause: error });
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.blockstore.close();
  }

  /** One file per pinned root, named by its CIDv1 (so `Qm...` and its v1 form are one pin). */
  private pinFile(cid: CID): string {
    return join(this.pinsPath, cid.toV1().toString(base32));
  }

  private async writePin(cid: CID): Promise<void> {
    const file = this.pinFile(cid);
    const temporary = `${file}.tmp-${randomBytes(6).toString("hex")}`;
    try {
      await writeFile(temporary, `${cid.toString()}\n`);
      await rename(temporary, file);
    } catch (error) {
      await rm(temporary, { force: true });
      throw new IpfsError(`Cannot record the pin of ${cid} in ${this.pinsPath}.`, { cause: error });
    }
  }

  /**
   * Checks that every block of the DAG under `root` is present: dag-pb nodes are read (and verified) to
   * follow their links, raw leaves only checked for presence (pull verifies them when it reads them).
   */
  private async checkComplete(root: CID): Promise<void> {
    const pending: CID[] = [root];
    while (pending.length > 0) {
      const batch = pending.splice(-PIN_WALK_CONCURRENCY);
      await Promise.all(
        batch.map(async (cid) => {
          if (cid.code === raw.code) {
            if (cid.multihash.code !== identity.code && !(await this.blockstore.has(cid))) {
              throw new ContentNotFoundError(
                cid.toString(),
                `in the embedded blockstore ${this.blocksPath} (it works offline)`,
              );
            }
            return;
          }
          if (cid.code !== dagPb.code) {
            throw new UnsupportedContentError(
              `${cid} is not UnixFS content (codec 0x${cid.code.toString(16)}), it cannot be pinned here.`,
            );
          }
          const node = decodePb(cid, await this.blocks.get(cid));
          for (const link of node.Links) pending.push(link.Hash);
        }),
      );
    }
  }
}

/**
 * An IPFS backend on local disk with no network at all: blocks in `<directory>/blocks` (one file per
 * block, as Kubo's flatfs), pins in `<directory>/pins` (one file per pinned root). Adds stream files from
 * disk, so memory stays flat whatever their size; every read is verified against its CID.
 *
 * @example
 * import { createEmbeddedIpfs } from "open-model-registry/sdk";
 * const ipfs = await createEmbeddedIpfs({ directory: ".ipfs" });
 * const added = await ipfs.add("./models/face_landmark_68", {
 *   onProgress: ({ bytes, total }) => console.log(`${bytes}/${total}`),
 * });
 * console.log(added.cid.toString(), await ipfs.isPinned(added.cid)); // bafy... true
 * await ipfs.close();
 */
export async function createEmbeddedIpfs(options: EmbeddedIpfsOptions = {}): Promise<IpfsBackend> {
  const directory = resolve(options.directory ?? join(process.cwd(), ".ipfs"));
  const blockstore = new EmbeddedBlockstore(join(directory, "blocks"));
  try {
    await blockstore.open();
    await mkdir(join(directory, "pins"), { recursive: true });
  } catch (error) {
    throw new IpfsError(`Cannot open the embedded IPFS store in ${directory}.`, { cause: error });
  }
  return new EmbeddedIpfs(directory, blockstore);
}
