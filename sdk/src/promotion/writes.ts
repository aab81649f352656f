import { getAddress, isAddress, ZeroAddress, type ContractTransaction } from "ethers";

import { toUnits } from "../amounts.js";
import { accountOrSigner, addressOr } from "../module.js";
import { getVersion, resolveModelId } from "../registry/reads.js";
import type { WriteResult } from "../registry/types.js";
import { io as subnetIo, readToken, subnets, toNetuid } from "../subnets/internal.js";
import type { NetuidRef } from "../subnets/types.js";
import { PromotionParameterError } from "./errors.js";
import { approvalIfShort } from "../subnets/internal.js";
import { bountyToken, io, promotion, promotionAddress, toBinding } from "./internal.js";
import type {
  BindPromotionParameters,
  ClaimPromotionBountyResult,
  DeclarePromotionParentParameters,
  FundPromotionBountyParameters,
  PromoteResult,
  PromotionBindingView,
  PromotionContext,
  PromotionToken,
} from "./types.js";

// Writing to Promotion: a model's owner binds and revokes a subnet, anyone funds a binding's bounty, a miner
// declares its candidate's parent, anyone promotes the leader once the rule holds, and coldkeys claim their bounties.
// Each write has a `prepare` form that builds the transaction(s) without sending them.

/** A binding's parameters as the contract takes them, with the model and the bounty's token read. */
export interface PreparedBindPromotion {
  transaction: ContractTransaction;
  netuid: bigint;
  model: bigint;
  minStreak: number;
  bountyToken?: PromotionToken;
  bounty: bigint;
  tagPrefix: string;
}

/**
 * Builds the binding of a subnet to the model it records, without sending it (see {@link bindPromotion}). The
 * model is the subnet's when not given; the bounty is read in the bounty token's units ("100" is 100 tokens).
 *
 * @example
 * import { createClient, readDeployment } from "open-model-registry/sdk";
 * const client = createClient({ runner: signer, deployment: await readDeployment("deployments/localhost.json") });
 * const { transaction } = await client.promotion.prepareBind({ netuid: 1, minStreak: 3 });
 */
export async function prepareBindPromotion(
  context: PromotionContext,
  params: BindPromotionParameters,
): Promise<PreparedBindPromotion> {
  const netuid = toNetuid(params.netuid);
  const subnetModel = (await subnetIo.read(() => subnets(context).leaderOf(netuid))).model;
  if (params.model === undefined && subnetModel === 0n)
    throw new PromotionParameterError(
      `Subnet ${netuid} records no model: only a subnet created for a model can be bound to it.`,
    );
  const model = params.model === undefined ? subnetModel : await resolveModelId(context, params.model);
  let token: PromotionToken | undefined;
  if (params.bountyToken !== undefined && params.bountyToken !== "") {
    if (!isAddress(params.bountyToken))
      throw new PromotionParameterError(`"${params.bountyToken}" is not a token address (bountyToken).`);
    token = await readToken(context, params.bountyToken);
  }
  const given = params.bounty ?? 0n;
  if (given !== 0n && given !== "" && !token) throw io.revert("PromotionNoBountyToken", []);
  const bounty = token ? toUnits(given === "" ? 0n : given, token, { allowZero: true }) : 0n;
  const tagPrefix = params.tagPrefix ?? "";
  const transaction = await promotion(context).bind.populateTransaction(netuid, {
    model,
    minStreak: params.minStreak,
    bountyToken: token?.address ?? ZeroAddress,
    bounty,
    tagPrefix,
  });
  return { transaction, netuid, model, minStreak: params.minStreak, bountyToken: token, bounty, tagPrefix };
}

/**
 * Binds a subnet to the model it records, as the model's owner: once its leader has led `minStreak` completed
 * epochs in a row with the same candidate, anyone may promote that candidate to the model's next version, and the
 * miner's coldkey is credited `bounty` from the binding's escrow (fund it with {@link fundPromotionBounty}). The
 * owner makes Promotion a publisher of the model first (`client.registry.setPublisher`); a model owned by a DAO
 * binds through a proposal (`client.governance.buildAuthorisePromotion`).
 *
 * @example
 * import { createClient, readDeployment } from "open-model-registry/sdk";
 * const client = createClient({ runner: signer, deployment: await readDeployment("deployments/localhost.json") });
 * await client.registry.setPublisher({ model: "my-model", account: client.deployment.contracts.Promotion!.address, allowed: true });
 * const { result } = await client.promotion.bind({ netuid: 1, minStreak: 3, bountyToken: usdc, bounty: "100" });
 */
export async function bindPromotion(
  context: PromotionContext,
  params: BindPromotionParameters,
): Promise<WriteResult<PromotionBindingView>> {
  const prepared = await prepareBindPromotion(context, params);
  const receipt = await io.send(context, prepared.transaction, "Binding a subnet");
  io.findEvent(receipt, promotionAddress(context), "PromotionBound");
  const b = await io.read(() => promotion(context).bindingOf(prepared.netuid));
  return { receipt, result: await toBinding(context, prepared.netuid, b) };
}

/**
 * Builds the end of a subnet's binding, without sending it (see {@link revokePromotion}).
 *
 * @example
 * import { createClient, readDeployment } from "open-model-registry/sdk";
 * const client = createClient({ runner: signer, deployment: await readDeployment("deployments/localhost.json") });
 * const transaction = await client.promotion.prepareRevoke(1);
 */
export async function prepareRevokePromotion(
  context: PromotionContext,
  netuid: NetuidRef,
): Promise<ContractTransaction> {
  const id = toNetuid(netuid);
  const contract = promotion(context);
  const b = await io.read(() => contract.bindingOf(id));
  if (b.model === 0n) throw io.revert("PromotionNotBound", [id]);
  return contract.revoke.populateTransaction(id);
}

/**
 * Ends a subnet's binding, as the model's owner; the escrow returns to the owner, and bounties credited already
 * stay claimable by their coldkeys.
 *
 * @example
 * import { createClient, readDeployment } from "open-model-registry/sdk";
 * const client = createClient({ runner: signer, deployment: await readDeployment("deployments/localhost.json") });
 * const { result } = await client.promotion.revoke(1);
 * console.log(`${result.escrowReturned} returned`);
 */
export async function revokePromotion(
  context: PromotionContext,
  netuid: NetuidRef,
): Promise<WriteResult<{ netuid: bigint; model: bigint; escrowReturned: bigint; token?: PromotionToken }>> {
  const id = toNetuid(netuid);
  const b = await io.read(() => promotion(context).bindingOf(id));
  const transaction = await prepareRevokePromotion(context, id);
  const receipt = await io.send(context, transaction, "Revoking a binding");
  const event = io.findEvent(receipt, promotionAddress(context), "PromotionRevoked");
  return {
    receipt,
    result: {
      netuid: id,
      model: b.model,
      escrowReturned: event.args.escrowReturned as bigint,
      token: await bountyToken(context, b.bountyToken),
    },
  };
}

/**
 * Builds the funding of a binding's bounty escrow, without sending it: an approval of the bounty token first when
 * the allowance is short, then the funding (see {@link fundPromotionBounty}).
 *
 * @example
 * import { createClient, readDeployment } from "open-model-registry/sdk";
 * const client = createClient({ runner: signer, deployment: await readDeployment("deployments/localhost.json") });
 * const { transactions } = await client.promotion.prepareFund({ netuid: 1, amount: "500" });
 */
export async function prepareFundPromotionBounty(
  context: PromotionContext,
  params: FundPromotionBountyParameters,
): Promise<{ transactions: ContractTransaction[]; amount: bigint; token: PromotionToken }> {
  const id = toNetuid(params.netuid);
  const contract = promotion(context);
  const payer = await accountOrSigner(context, params.account, "Funding a bounty");
  const b = await io.read(() => contract.bindingOf(id));
  if (b.model === 0n) throw io.revert("PromotionNotBound", [id]);
  if (b.bountyToken === ZeroAddress) throw io.revert("PromotionNoBountyToken", []);
  const token = await readToken(context, b.bountyToken);
  const amount = toUnits(params.amount, token, { allowZero: true });
  if (amount === 0n) throw io.revert("PromotionZeroAmount", []);
  const approval = await approvalIfShort(context, token.address, payer, amount, promotionAddress(context));
  const fund = await contract.fund.populateTransaction(id, amount);
  return { transactions: approval ? [approval, fund] : [fund], amount, token };
}

/**
 * Adds bounty tokens to a binding's escrow (anyone may), approving them first when the allowance is short. The
 * escrow returns to the model's owner if the binding is revoked.
 *
 * @example
 * import { createClient, readDeployment } from "open-model-registry/sdk";
 * const client = createClient({ runner: signer, deployment: await readDeployment("deployments/localhost.json") });
 * const { result } = await client.promotion.fund({ netuid: 1, amount: "500" });
 */
export async function fundPromotionBounty(
  context: PromotionContext,
  params: FundPromotionBountyParameters,
): Promise<WriteResult<{ netuid: bigint; received: bigint; escrow: bigint; token: PromotionToken }>> {
  const { transactions, token } = await prepareFundPromotionBounty(context, params);
  const { receipt } = await io.sendAll(context, transactions, "Funding a bounty");
  const event = io.findEvent(receipt, promotionAddress(context), "BountyFunded");
  const id = toNetuid(params.netuid);
  const escrow = (await io.read(() => promotion(context).bindingOf(id))).escrow;
  return { receipt, result: { netuid: id, received: event.args.amount as bigint, escrow, token } };
}

/**
 * Builds a miner's declaration of its candidate's parent, without sending it (see {@link declarePromotionParent}).
 *
 * @example
 * import { createClient, readDeployment } from "open-model-registry/sdk";
 * const client = createClient({ runner: signer, deployment: await readDeployment("deployments/localhost.json") });
 * const { transaction } = await client.promotion.prepareDeclareParent({
 *   netuid: 1, parent: { model: "base-model", version: { tag: "v1.0.0" } },
 * });
 */
export async function prepareDeclarePromotionParent(
  context: PromotionContext,
  params: DeclarePromotionParentParameters,
): Promise<{
  transaction: ContractTransaction;
  netuid: bigint;
  uid: number;
  parent?: { model: bigint; index: number };
}> {
  const id = toNetuid(params.netuid);
  const hotkey = await accountOrSigner(context, params.account, "Declaring a parent", "account");
  const contract = subnets(context);
  const [registered, uid] = await subnetIo.read(() => contract.uidOf(id, hotkey));
  if (!registered) throw io.revert("PromotionNotRegistered", [id, hotkey]);
  const candidate = await subnetIo.read(() => contract.candidateOf(id, uid));
  if (candidate.publishedAt === 0n) throw io.revert("PromotionNoCandidate", [id, uid]);
  let parent: { model: bigint; index: number } | undefined;
  if (params.parent) {
    const version = await getVersion(context, params.parent);
    parent = { model: version.model, index: version.index };
  }
  const transaction = await promotion(context).declareParent.populateTransaction(id, {
    model: parent?.model ?? 0n,
    index: parent?.index ?? 0,
  });
  return { transaction, netuid: id, uid: Number(uid), parent };
}

/**
 * Declares, as a miner's hotkey, that its current candidate derives from a version (of any model), so that its
 * promotion names that version as the parent; without `parent`, withdraws the declaration. A new candidate drops it.
 *
 * @example
 * import { createClient, readDeployment } from "open-model-registry/sdk";
 * const client = createClient({ runner: hotkey, deployment: await readDeployment("deployments/localhost.json") });
 * await client.promotion.declareParent({ netuid: 1, parent: { model: "base-model", version: { tag: "v1.0.0" } } });
 */
export async function declarePromotionParent(
  context: PromotionContext,
  params: DeclarePromotionParentParameters,
): Promise<WriteResult<{ netuid: bigint; uid: number; parent?: { model: bigint; index: number } }>> {
  const { transaction, ...result } = await prepareDeclarePromotionParent(context, params);
  const receipt = await io.send(context, transaction, "Declaring a parent");
  io.findEvent(receipt, promotionAddress(context), "ParentDeclared");
  return { receipt, result };
}

/**
 * Builds the promotion of a subnet's leader, without sending it: refused, with the contract's own error, when
 * `promote` would fail now (see {@link promote}).
 *
 * @example
 * import { createClient, readDeployment } from "open-model-registry/sdk";
 * const client = createClient({ runner: signer, deployment: await readDeployment("deployments/localhost.json") });
 * const { transaction, index } = await client.promotion.preparePromote(1);
 */
export async function preparePromote(
  context: PromotionContext,
  netuid: NetuidRef,
): Promise<{ transaction: ContractTransaction; netuid: bigint; index: number }> {
  const id = toNetuid(netuid);
  const contract = promotion(context);
  // The call itself, tried: its refusal is the error `promote` would revert with, values and all.
  const index = await io.read(() => contract.promote.staticCall(id));
  return { transaction: await contract.promote.populateTransaction(id), netuid: id, index: Number(index) };
}

/**
 * Publishes a subnet's leading candidate as the next version of the bound model (anyone may, once the leader has
 * led the binding's streak of completed epochs with it), records its miner as the version's contributor and
 * credits the bounty to the miner's coldkey.
 *
 * @example
 * import { createClient, readDeployment } from "open-model-registry/sdk";
 * const client = createClient({ runner: signer, deployment: await readDeployment("deployments/localhost.json") });
 * const { result } = await client.promotion.promote(1);
 * console.log(`version ${result.index} (${result.tag}) from UID ${result.uid}`);
 */
export async function promote(context: PromotionContext, netuid: NetuidRef): Promise<WriteResult<PromoteResult>> {
  const { transaction, netuid: id } = await preparePromote(context, netuid);
  const receipt = await io.send(context, transaction, "Promoting");
  const emitter = promotionAddress(context);
  const event = io.findEvent(receipt, emitter, "CandidatePromoted");
  const [credited] = io.findEvents(receipt, emitter, "BountyCredited");
  const token = credited ? await bountyToken(context, credited.args.token as string) : undefined;
  return {
    receipt,
    result: {
      netuid: id,
      model: event.args.model as bigint,
      index: Number(event.args.index),
      tag: event.args.tag as string,
      uid: Number(event.args.uid),
      hotkey: getAddress(event.args.hotkey as string),
      coldkey: getAddress(event.args.coldkey as string),
      epoch: event.args.epoch as bigint,
      streak: event.args.streak as bigint,
      bounty: {
        credited: (credited?.args.amount as bigint | undefined) ?? 0n,
        due: (credited?.args.bounty as bigint | undefined) ?? 0n,
        token,
      },
    },
  };
}

/**
 * Builds the claim of the signer's credited bounties in `token`, paid to `to` (the signer by default), without
 * sending it; refused when there is nothing to claim (see {@link claimPromotionBounty}).
 *
 * @example
 * import { createClient, readDeployment } from "open-model-registry/sdk";
 * const client = createClient({ runner: coldkey, deployment: await readDeployment("deployments/localhost.json") });
 * const { transaction, amount } = await client.promotion.prepareClaimBounty({ token: usdc });
 */
export async function prepareClaimPromotionBounty(
  context: PromotionContext,
  params: { token: string; to?: string; account?: string },
): Promise<{ transaction: ContractTransaction; amount: bigint; token: PromotionToken; to: string }> {
  const account = await accountOrSigner(context, params.account, "Claiming a bounty");
  const to = addressOr(params.to, account, "to");
  if (!isAddress(params.token)) throw new PromotionParameterError(`"${params.token}" is not a token address.`);
  const contract = promotion(context);
  const [amount, token] = await Promise.all([
    io.read(() => contract.bountyOf(account, params.token)),
    readToken(context, params.token),
  ]);
  if (amount === 0n) throw io.revert("PromotionNothingToClaim", [account, token.address]);
  if (to === promotionAddress(context)) throw io.revert("PromotionInvalidRecipient", [to]);
  return { transaction: await contract.claimBounty.populateTransaction(token.address, to), amount, token, to };
}

/**
 * Pays the signer's credited bounties in `token` to `to` (the signer by default).
 *
 * @example
 * import { createClient, readDeployment } from "open-model-registry/sdk";
 * const client = createClient({ runner: coldkey, deployment: await readDeployment("deployments/localhost.json") });
 * const { result } = await client.promotion.claimBounty({ token: usdc });
 */
export async function claimPromotionBounty(
  context: PromotionContext,
  params: { token: string; to?: string },
): Promise<WriteResult<ClaimPromotionBountyResult>> {
  const { transaction, token, to } = await prepareClaimPromotionBounty(context, params);
  const receipt = await io.send(context, transaction, "Claiming a bounty");
  const event = io.findEvent(receipt, promotionAddress(context), "BountyClaimed");
  return { receipt, result: { token, to, amount: event.args.amount as bigint } };
}
