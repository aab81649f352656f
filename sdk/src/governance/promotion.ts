import { isAddress, ZeroAddress } from "ethers";

import { formatAmount, toUnits } from "../amounts.js";
import { Promotion__factory, Subnets__factory } from "../contracts.js";
import type { ProtocolContext } from "../context.js";
import { PromotionNotDeployedError, PromotionParameterError } from "../promotion/errors.js";
import type { ModelRef } from "../registry/types.js";
import type { DaoCall } from "../revenue/types.js";
import { readToken, toNetuid } from "../subnets/internal.js";
import type { NetuidRef } from "../subnets/types.js";
import {
  erc20Interface,
  findDao,
  io,
  PROTOCOL_DAO,
  promotionAddress,
  promotionInterface,
  registryAddress,
  registryInterface,
  simulated,
  type DaoRecord,
} from "./internal.js";
import { ProposalCallError } from "./errors.js";

// The calls a model's DAO makes to let a subnet's winners become its versions (Promotion's binding), and to stop.

/** The largest streak a binding may require (`Promotion.MAX_STREAK`). */
const MAX_STREAK = 10_000;

/** Parameters of {@link buildAuthorisePromotion}. */
export interface BuildAuthorisePromotionParameters {
  /** The DAO's model (its slug or id): the model the subnet records. */
  model: ModelRef;
  netuid: NetuidRef;
  /** Completed epochs in a row a candidate must lead (K), 1 to 10,000. */
  minStreak: number;
  /** The bounty's token (an address); needed with a bounty or an escrow. */
  bountyToken?: string;
  /** Credited to each promoted miner's coldkey: whole tokens ("100") or token units. */
  bounty?: bigint | string;
  /** Bounty tokens the treasury puts in escrow when the proposal executes: whole tokens or token units. */
  escrow?: bigint | string;
  /** Tags are `<tagPrefix><epoch>`; `sn<netuid>-e` when not given. */
  tagPrefix?: string;
}

/**
 * The calls of a model DAO's proposal that binds a subnet to its model: Promotion becomes a publisher of the model,
 * the subnet is bound with the rule (K epochs in a row), bounty and tag prefix given, and, with an escrow, the
 * treasury approves and funds it (after the binding, which the funding needs). What Promotion would refuse is refused
 * here with its own error: a subnet that records another model or is bound already, a streak out of range, a bounty
 * without a token.
 *
 * @example
 * import { createClient, readDeployment } from "open-model-registry/sdk";
 * const client = createClient({ runner: provider, deployment: await readDeployment("deployments/localhost.json") });
 * const calls = await client.governance.buildAuthorisePromotion({
 *   model: "face-landmark-68", netuid: 1, minStreak: 3, bountyToken: usdc, bounty: "100", escrow: "1000",
 * });
 * await client.governance.propose({ model: "face-landmark-68", calls, description: "# Promote subnet 1's winners" });
 */
export async function buildAuthorisePromotion(
  context: ProtocolContext,
  params: BuildAuthorisePromotionParameters,
): Promise<DaoCall[]> {
  const dao = await modelDao(context, params.model);
  const promotion = requirePromotion(context);
  const netuid = toNetuid(params.netuid);
  const contract = Promotion__factory.connect(promotion, context.runner);
  const subnets = Subnets__factory.connect(await contract.subnets(), context.runner);
  const [leader, binding] = await io.read(() => Promise.all([subnets.leaderOf(netuid), contract.bindingOf(netuid)]));
  if (leader.model !== dao.model) throw io.revert("PromotionModelMismatch", [netuid, leader.model, dao.model]);
  if (binding.model !== 0n) throw io.revert("PromotionAlreadyBound", [netuid, binding.model]);
  if (!Number.isInteger(params.minStreak) || params.minStreak < 1 || params.minStreak > MAX_STREAK)
    throw io.revert("PromotionInvalidStreak", [BigInt(Math.max(0, Math.trunc(params.minStreak) || 0)), MAX_STREAK]);
  const tokenGiven = params.bountyToken !== undefined && params.bountyToken !== "";
  if (tokenGiven && !isAddress(params.bountyToken))
    throw new PromotionParameterError(`"${params.bountyToken}" is not a token address (bountyToken).`);
  const token = tokenGiven ? await readToken(context, params.bountyToken!) : undefined;
  const amount = (value: bigint | string | undefined) =>
    value === undefined || value === ""
      ? 0n
      : toUnits(value, token ?? { decimals: 18, symbol: "" }, { allowZero: true });
  const bounty = amount(params.bounty);
  const escrow = amount(params.escrow);
  if ((bounty !== 0n || escrow !== 0n) && !token) throw io.revert("PromotionNoBountyToken", []);
  const tagPrefix = params.tagPrefix ?? "";
  const shown = (value: bigint) => `${formatAmount(value, token!.decimals)} ${token!.symbol}`;

  // Only the first call is tried as the DAO: the binding needs the publisher's right it grants.
  const publisher = await simulated(
    context,
    dao,
    {},
    {
      to: registryAddress(context),
      data: registryInterface.encodeFunctionData("setPublisher", [dao.model, promotion, true]),
      value: 0n,
      description: `Let Promotion (${promotion}) publish versions of ${dao.slug}.`,
    },
  );
  const calls: DaoCall[] = [
    publisher,
    {
      to: promotion,
      data: promotionInterface.encodeFunctionData("bind", [
        netuid,
        {
          model: dao.model,
          minStreak: params.minStreak,
          bountyToken: token?.address ?? ZeroAddress,
          bounty,
          tagPrefix,
        },
      ]),
      value: 0n,
      description: `Bind subnet ${netuid} to ${dao.slug}: its leader, after ${params.minStreak} completed epochs in a row with one candidate, is published as the next version, tagged ${tagPrefix || `sn${netuid}-e`}<epoch>${bounty === 0n ? ", without a bounty" : `, with a bounty of ${shown(bounty)} to its miner's coldkey`}.`,
    },
  ];
  if (escrow !== 0n) {
    calls.push(
      {
        to: token!.address,
        data: erc20Interface.encodeFunctionData("approve", [promotion, escrow]),
        value: 0n,
        description: `Let Promotion spend ${shown(escrow)} of ${dao.slug}'s treasury.`,
      },
      {
        to: promotion,
        data: promotionInterface.encodeFunctionData("fund", [netuid, escrow]),
        value: 0n,
        description: `Put ${shown(escrow)} from ${dao.slug}'s treasury into subnet ${netuid}'s bounty escrow.`,
      },
    );
  }
  return calls;
}

/** Parameters of {@link buildRevokePromotion}. */
export interface BuildRevokePromotionParameters {
  model: ModelRef;
  netuid: NetuidRef;
  /** Also take back Promotion's right to publish versions of the model (leave it when other subnets are bound). */
  revokePublisher?: boolean;
}

/**
 * The calls of a model DAO's proposal that ends a subnet's binding (its escrow returns to the treasury) and, with
 * `revokePublisher`, takes back Promotion's right to publish versions of the model.
 *
 * @example
 * import { createClient, readDeployment } from "open-model-registry/sdk";
 * const client = createClient({ runner: provider, deployment: await readDeployment("deployments/localhost.json") });
 * const calls = await client.governance.buildRevokePromotion({ model: "face-landmark-68", netuid: 1 });
 */
export async function buildRevokePromotion(
  context: ProtocolContext,
  params: BuildRevokePromotionParameters,
): Promise<DaoCall[]> {
  const dao = await modelDao(context, params.model);
  const promotion = requirePromotion(context);
  const netuid = toNetuid(params.netuid);
  const binding = await io.read(() => Promotion__factory.connect(promotion, context.runner).bindingOf(netuid));
  if (binding.model === 0n) throw io.revert("PromotionNotBound", [netuid]);
  if (binding.model !== dao.model) throw io.revert("PromotionModelMismatch", [netuid, binding.model, dao.model]);
  const calls = [
    await simulated(
      context,
      dao,
      {},
      {
        to: promotion,
        data: promotionInterface.encodeFunctionData("revoke", [netuid]),
        value: 0n,
        description: `Revoke subnet ${netuid}'s binding to ${dao.slug}; its escrow returns to the treasury.`,
      },
    ),
  ];
  if (params.revokePublisher) {
    calls.push({
      to: registryAddress(context),
      data: registryInterface.encodeFunctionData("setPublisher", [dao.model, promotion, false]),
      value: 0n,
      description: `Revoke Promotion's (${promotion}) right to publish versions of ${dao.slug}.`,
    });
  }
  return calls;
}

function requirePromotion(context: ProtocolContext): string {
  const found = promotionAddress(context);
  if (!found) {
    throw new PromotionNotDeployedError("The protocol's deployment on this chain has no Promotion contract.", {
      details:
        "Deploy the protocol again (npx hardhat protocol deploy), or use a deployments file that records Promotion.",
    });
  }
  return found;
}

async function modelDao(context: ProtocolContext, model: ModelRef): Promise<DaoRecord> {
  if (model === PROTOCOL_DAO)
    throw new ProposalCallError("The protocol DAO owns no model in the registry: name a launched model's slug.");
  return findDao(context, model);
}
