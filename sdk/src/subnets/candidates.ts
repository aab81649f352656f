import type { ContractTransaction } from "ethers";
import type { CID } from "multiformats/cid";

import { pullRecorded, uploadContent } from "../content.js";
import { SdkError } from "../errors.js";
import { cidFromBytes, cidToBytes } from "../ipfs/cid.js";
import type { AddProgress, PullResult } from "../ipfs/types.js";
import { signerAddress } from "../module.js";
import type { WriteResult } from "../registry/types.js";
import { findEvents, io, readNeurons, resolveUid, subnets, toNetuid } from "./internal.js";
import type { CandidateView, NetuidRef, SubnetContext } from "./types.js";

// A miner's candidate weights live on IPFS; the chain records only their CID. Publishing uploads them (pinned) and
// records the CID; pulling writes the content, every block checked, and insists that its root is the CID the
// chain recorded, so a validator scores exactly what the miner published.

/** Parameters of {@link publishCandidate}. */
export interface PublishCandidateParameters {
  netuid: NetuidRef;
  /** A file or folder of weights to upload, or the CID of weights on IPFS already. */
  path?: string;
  cid?: CID | string;
  /** The CID of a description of the candidate (a card, metrics); none by default. */
  metadataCid?: CID | string;
  onProgress?: (progress: AddProgress) => void;
}

/** What {@link preparePublishCandidate} returns: the transaction, and the CID of the weights it records. */
export interface PreparedPublishCandidate {
  transaction: ContractTransaction;
  cid: CID;
}

/**
 * Uploads a candidate's weights (pinned) when given a path, and builds their publication without sending it; the
 * sender is the hotkey that publishes.
 *
 * @example
 * import { createClient, readDeployment } from "open-model-registry/sdk";
 * const client = createClient({ runner: signer, deployment: await readDeployment("deployments/localhost.json") });
 * const { transaction, cid } = await client.subnets.preparePublishCandidate({ netuid: 1, path: "./weights" });
 */
export async function preparePublishCandidate(
  context: SubnetContext,
  params: PublishCandidateParameters,
): Promise<PreparedPublishCandidate> {
  const id = toNetuid(params.netuid);
  let cid: CID;
  if (params.cid !== undefined) cid = cidFromBytes(cidToBytes(params.cid));
  else if (params.path !== undefined) {
    cid = await uploadContent(
      context.ipfs,
      { content: params.path, onProgress: params.onProgress, pin: true },
      "Publishing a candidate",
    );
  } else throw new SdkError("A candidate needs its weights: give a path to upload or a CID.");
  const metadata = params.metadataCid === undefined ? "0x" : cidToBytes(params.metadataCid);
  const transaction = await subnets(context).publishCandidate.populateTransaction(id, cidToBytes(cid), metadata);
  return { transaction, cid };
}

/**
 * Publishes the signer's (hotkey's) candidate: uploads the weights to IPFS (pinned) and records the CID on chain
 * for validators to fetch and evaluate.
 *
 * @example
 * import { createClient, readDeployment } from "open-model-registry/sdk";
 * const client = createClient({ runner: signer, deployment: await readDeployment("deployments/localhost.json") });
 * const { result } = await client.subnets.publishCandidate({ netuid: 1, path: "./weights" });
 * console.log(result.cid.toString());
 */
export async function publishCandidate(
  context: SubnetContext,
  params: PublishCandidateParameters,
): Promise<WriteResult<CandidateView>> {
  const id = toNetuid(params.netuid);
  const hotkey = await signerAddress(context, "Publishing a candidate");
  const { transaction, cid } = await preparePublishCandidate(context, { ...params, netuid: id });
  const receipt = await io.send(context, transaction, "Publishing a candidate");
  const [published] = findEvents(context, receipt, "CandidatePublished");
  return {
    receipt,
    result: {
      netuid: id,
      hotkey,
      uid: published ? Number(published.args.uid) : undefined,
      cid,
      updatedAt: BigInt(receipt.blockNumber),
    },
  };
}

/**
 * The candidate a hotkey (or UID) published last, or undefined when it has published none.
 *
 * @example
 * import { createClient, readDeployment } from "open-model-registry/sdk";
 * const client = createClient({ runner: provider, deployment: await readDeployment("deployments/localhost.json") });
 * const candidate = await client.subnets.getCandidate({ netuid: 1, hotkey: miner });
 */
export async function getCandidate(
  context: SubnetContext,
  params: { netuid: NetuidRef; hotkey: string | number },
): Promise<CandidateView | undefined> {
  const contract = subnets(context);
  const id = toNetuid(params.netuid);
  const uid = await resolveUid(context, id, params.hotkey);
  const [neuron, candidate] = await io.read(() =>
    Promise.all([contract.neuron(id, uid), contract.candidateOf(id, uid)]),
  );
  if (candidate.weightsCid === "0x") return undefined;
  return {
    netuid: id,
    hotkey: neuron.hotkey,
    uid,
    cid: cidFromBytes(candidate.weightsCid),
    updatedAt: candidate.publishedAt,
  };
}

/**
 * Every UID's latest candidate, in UID order (UIDs without one left out).
 *
 * @example
 * import { createClient, readDeployment } from "open-model-registry/sdk";
 * const client = createClient({ runner: provider, deployment: await readDeployment("deployments/localhost.json") });
 * for (const c of await client.subnets.listCandidates(1)) console.log(c.uid, c.cid.toString());
 */
export async function listCandidates(context: SubnetContext, netuid: NetuidRef): Promise<CandidateView[]> {
  const contract = subnets(context);
  const id = toNetuid(netuid);
  const info = await io.read(() => contract.subnet(id));
  const n = Number(info.n);
  const [neurons, candidates] = await Promise.all([
    readNeurons(contract, id, n),
    io.read(() => Promise.all(Array.from({ length: n }, (_, uid) => contract.candidateOf(id, uid)))),
  ]);
  return candidates.flatMap((c, uid) =>
    c.weightsCid === "0x"
      ? []
      : [{ netuid: id, hotkey: neurons[uid].hotkey, uid, cid: cidFromBytes(c.weightsCid), updatedAt: c.publishedAt }],
  );
}

/**
 * Fetches a candidate's weights into `destination` through IPFS, every block verified and the root checked
 * against the CID on chain.
 *
 * @example
 * import { createClient, readDeployment } from "open-model-registry/sdk";
 * const client = createClient({ runner: signer, deployment: await readDeployment("deployments/localhost.json") });
 * const { pulled } = await client.subnets.pullCandidate({ netuid: 1, hotkey: miner, destination: "./candidate" });
 */
export async function pullCandidate(
  context: SubnetContext,
  params: {
    netuid: NetuidRef;
    hotkey: string | number;
    destination: string;
    onProgress?: (progress: { bytes: number; total: number }) => void;
  },
): Promise<{ candidate: CandidateView; pulled: PullResult }> {
  const candidate = await getCandidate(context, params);
  if (!candidate)
    throw new SdkError(`${params.hotkey} has published no candidate on subnet ${toNetuid(params.netuid)}.`);
  const pulled = await pullRecorded(context.ipfs, candidate.cid, params.destination, {
    what: "this candidate",
    onProgress: params.onProgress,
  });
  return { candidate, pulled };
}
