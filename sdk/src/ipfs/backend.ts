import type { CID } from "multiformats/cid";

import { toCid } from "./cid.js";
import { IpfsError } from "./errors.js";
import { CAT_DEFAULT_MAX_BYTES } from "./params.js";
import { pullVerified, readVerified, VerifiedBlocks } from "./verify.js";
import type { AddOptions, AddResult, CatOptions, IpfsBackend, PullOptions, PullResult } from "./types.js";

/**
 * What every backend shares: reads go through {@link VerifiedBlocks}, so `cat` and `pull` hash-check every
 * block whatever store it comes from, and a closed backend refuses further work. A backend supplies how it
 * reads one raw block and how it adds content.
 */
export abstract class VerifyingBackend implements IpfsBackend {
  abstract readonly kind: IpfsBackend["kind"];
  protected closed = false;
  protected readonly blocks = new VerifiedBlocks((cid) => {
    this.checkOpen();
    return this.readBlock(cid);
  });

  constructor(private readonly label: string) {}

  /** One raw block, unverified: {@link VerifiedBlocks} checks it against its CID. */
  protected abstract readBlock(cid: CID): Promise<Uint8Array>;

  abstract add(path: string, options?: AddOptions): Promise<AddResult>;
  abstract addBytes(bytes: Uint8Array, options?: AddOptions): Promise<AddResult>;
  abstract pin(cid: CID | string): Promise<void>;
  abstract isPinned(cid: CID | string): Promise<boolean>;
  abstract close(): Promise<void>;

  protected checkOpen(): void {
    if (this.closed) throw new IpfsError(`This ${this.label} IPFS backend is closed.`);
  }

  async cat(cid: CID | string, options: CatOptions = {}): Promise<Uint8Array> {
    this.checkOpen();
    return readVerified(toCid(cid), this.blocks, options.maxBytes ?? CAT_DEFAULT_MAX_BYTES);
  }

  async pull(cid: CID | string, destination: string, options: PullOptions = {}): Promise<PullResult> {
    this.checkOpen();
    return pullVerified(toCid(cid), this.blocks, destination, options);
  }
}
