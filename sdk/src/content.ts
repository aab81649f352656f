import { existsSync } from "node:fs";

import type { CID } from "multiformats/cid";

import { SdkError } from "./errors.js";
import { parseCid } from "./ipfs/cid.js";
import type { AddProgress, IpfsBackend, PullResult } from "./ipfs/types.js";

// Content on IPFS that the chain records by CID (a version's weights, a model card, a miner's candidate): uploaded
// before its CID is recorded, and pulled back with every block checked and the root held to the recorded CID, so
// what lands on disk is exactly what was published. Shared by the registry and the subnets.

/** A call needs an IPFS backend and the client has none. */
export class IpfsRequiredError extends SdkError {}

/** Pulled content did not match the CID recorded on chain. */
export class ChainCidMismatchError extends SdkError {}

/** The client's IPFS backend; `what` (e.g. "Pulling a version") needs one, and the error says so. */
export function requireIpfs(ipfs: IpfsBackend | undefined, what: string, details?: string): IpfsBackend {
  if (!ipfs)
    throw new IpfsRequiredError(`${what} needs IPFS: create the client with an IPFS backend (\`ipfs\`).`, { details });
  return ipfs;
}

/** Where content to record comes from: a local file or folder to upload, or the CID of content on IPFS already. */
export interface ContentSource {
  content: string | CID;
  /** Upload progress: bytes done and total. */
  onProgress?: (progress: AddProgress) => void;
  /** Pin what is uploaded (the backend's default otherwise). */
  pin?: boolean;
}

/** The CID of `content`: uploaded when it is a path on disk (which wins over a string that also reads as a CID). */
export async function uploadContent(ipfs: IpfsBackend | undefined, source: ContentSource, what: string): Promise<CID> {
  const { content, onProgress, pin } = source;
  if (typeof content !== "string") return content;
  if (!existsSync(content)) return parseCid(content);
  const options = pin === undefined ? { onProgress } : { onProgress, pin };
  return (await requireIpfs(ipfs, what).add(content, options)).cid;
}

/**
 * Pulls the content the chain records as `cid` to `destination`, every block checked, and refuses a root that is
 * not `cid`; `what` names the content in the refusal ("this candidate").
 */
export async function pullRecorded(
  ipfs: IpfsBackend | undefined,
  cid: CID,
  destination: string,
  options: { what: string; onProgress?: (progress: { bytes: number; total: number }) => void },
): Promise<PullResult> {
  const pulled = await requireIpfs(ipfs, `Pulling ${options.what}`).pull(cid, destination, {
    onProgress: options.onProgress,
  });
  if (!pulled.cid.equals(cid)) {
    throw new ChainCidMismatchError(
      `The content pulled has CID ${pulled.cid}, but the chain records ${cid} for ${options.what}.`,
    );
  }
  return pulled;
}
