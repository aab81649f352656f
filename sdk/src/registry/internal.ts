import type { Interface } from "ethers";
import type { CID } from "multiformats/cid";

import { requireIpfs } from "../content.js";
import { ModelRegistry__factory } from "../contracts.js";
import { SdkError } from "../errors.js";
import { parseCid } from "../ipfs/cid.js";
import { moduleIo } from "../module.js";
import type { ModelCard, RegistryContext } from "./types.js";

// What the registry's actions share (reads, one-step registration, registration by commitment, publishing): the
// contract's interface, reads and sends with its reverts decoded, and the model card's upload. Internal: not
// exported from the SDK.

export const registryInterface: Interface = ModelRegistry__factory.createInterface();

export const io = moduleIo([registryInterface]);

/** What a model card is given as: the card itself, uploaded here, or the CID of one uploaded already. */
export interface CardSource {
  slug: string;
  license: string;
  card?: ModelCard;
  metadataCid?: CID | string;
}

/** The model card's CID: the one given, or the card's, uploaded with the slug and licence written into it. */
export async function resolveCard(context: RegistryContext, params: CardSource): Promise<CID> {
  if (params.metadataCid !== undefined) {
    return typeof params.metadataCid === "string" ? parseCid(params.metadataCid) : params.metadataCid;
  }
  if (!params.card) throw new SdkError("Give the model card (`card`) or the CID of one (`metadataCid`).");
  const card = { ...params.card, slug: params.slug, license: params.license };
  const added = await requireIpfs(context.ipfs, "Uploading a model card").addBytes(
    new TextEncoder().encode(`${JSON.stringify(card, null, 2)}\n`),
  );
  return added.cid;
}

/** The registry's address: the emitter of the events its transactions are read back from. */
export function registryAddress(context: RegistryContext): Promise<string> {
  return context.registry.getAddress();
}
