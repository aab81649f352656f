import type { CID } from "multiformats/cid";

import { SdkError } from "../errors.js";
import type { AddProgress, IpfsBackend, PullResult } from "../ipfs/types.js";

// A miner's candidate weights live on IPFS; the chain records only their CID. Publishing uploads (pinned) and
// returns the CID to record; pulling writes the content, every block checked, and insists that its root is the
// CID the chain recorded, so a validator scores exactly what the miner published.

/** The IPFS backend is missing: moving candidates needs one. */
export class CandidateIpfsRequiredError extends SdkError {}

/** The content pulled is not the candidate the chain records. */
export class CandidateMismatchError extends SdkError {}

/**
 * Uploads a candidate's weights (a file or a folder), pinned, and returns its root CID.
 *
 * @example
 * import { createEmbeddedIpfs, uploadCandidate } from "open-model-registry/sdk";
 * const { cid } = await uploadCandidate(await createEmbeddedIpfs({ directory: ".ipfs" }), "./weights");
 */
export async function uploadCandidate(
  ipfs: IpfsBackend | undefined,
  path: string,
  onProgress?: (progress: AddProgress) => void,
): Promise<{ cid: CID; size: number }> {
  const backend = requireIpfs(ipfs, "Publishing a candidate");
  const added = await backend.add(path, { onProgress, pin: true });
  return { cid: added.cid, size: added.size };
}

/**
 * Pulls a candidate's weights to `destination` and checks the root against the CID on chain.
 *
 * @example
 * import { createEmbeddedIpfs, downloadCandidate, parseCid } from "open-model-registry/sdk";
 * await downloadCandidate(await createEmbeddedIpfs({ directory: ".ipfs" }), parseCid(onChain), "./candidate");
 */
export async function downloadCandidate(
  ipfs: IpfsBackend | undefined,
  cid: CID,
  destination: string,
  onProgress?: (progress: { bytes: number; total: number }) => void,
): Promise<PullResult> {
  const backend = requireIpfs(ipfs, "Pulling a candidate");
  const pulled = await backend.pull(cid, destination, { onProgress });
  if (!pulled.cid.equals(cid)) {
    throw new CandidateMismatchError(`The content pulled has CID ${pulled.cid}, but the chain records ${cid} for this candidate.`);
  }
  return pulled;
}

function requireIpfs(ipfs: IpfsBackend | undefined, what: string): IpfsBackend {
  if (!ipfs) throw new CandidateIpfsRequiredError(`${what} needs IPFS: create the client with an IPFS backend.`);
  return ipfs;
}
