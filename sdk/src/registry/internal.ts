import { existsSync } from "node:fs";

import type { Interface, LogDescription, TransactionReceipt, TransactionResponse } from "ethers";
import type { CID } from "multiformats/cid";

import { ModelRegistry__factory } from "../contracts.js";
import { SdkError, withDecodedReverts } from "../errors.js";
import { parseCid } from "../ipfs/cid.js";
import type { AddProgress, IpfsBackend } from "../ipfs/types.js";
import { IpfsRequiredError } from "./errors.js";
import type { ModelCard, RegistryContext } from "./types.js";

// What the registry's actions share (one-step registration, registration by commitment, publishing): the
// contract's interface, IPFS uploads of cards and content, and sending with reverts decoded. Internal: not
// exported from the SDK.

export const registryInterface: Interface = ModelRegistry__factory.createInterface();
export const interfaces = [registryInterface];

/** What a model card is given as: the card itself, uploaded here, or the CID of one uploaded already. */
export interface CardSource {
  slug: string;
  license: string;
  card?: ModelCard;
  metadataCid?: CID | string;
}

export function requireIpfs(context: RegistryContext): IpfsBackend {
  if (!context.ipfs) throw new IpfsRequiredError("This operation needs an IPFS backend: pass `ipfs` to createClient.");
  return context.ipfs;
}

export async function resolveCard(context: RegistryContext, params: CardSource): Promise<CID> {
  if (params.metadataCid !== undefined) {
    return typeof params.metadataCid === "string" ? parseCid(params.metadataCid) : params.metadataCid;
  }
  if (!params.card) throw new SdkError("Give the model card (`card`) or the CID of one (`metadataCid`).");
  const card = { ...params.card, slug: params.slug, license: params.license };
  const added = await requireIpfs(context).addBytes(new TextEncoder().encode(`${JSON.stringify(card, null, 2)}\n`));
  return added.cid;
}

export async function resolveContent(
  context: RegistryContext,
  content: string | CID,
  onProgress?: (progress: AddProgress) => void,
): Promise<CID> {
  if (typeof content !== "string") return content;
  // A path on disk wins over a string that also reads as a CID.
  if (existsSync(content)) return (await requireIpfs(context).add(content, { onProgress })).cid;
  return parseCid(content);
}

export async function send(submit: () => Promise<TransactionResponse>): Promise<TransactionReceipt> {
  return withDecodedReverts(interfaces, async () => {
    const response = await submit();
    const receipt = await response.wait();
    if (!receipt) throw new SdkError(`Transaction ${response.hash} was dropped before it was mined.`);
    return receipt;
  });
}

export function findEvent(receipt: TransactionReceipt, name: string): LogDescription {
  for (const log of receipt.logs) {
    const parsed = (() => {
      try {
        return registryInterface.parseLog(log);
      } catch {
        return null;
      }
    })();
    if (parsed?.name === name) return parsed;
  }
  throw new SdkError(`The transaction ${receipt.hash} succeeded but emitted no ${name} event.`);
}
