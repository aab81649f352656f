import { blockNumber, io, readNeurons, readToken, subnets, toHyperparameters, toNetuid } from "./internal.js";
import type {
  MetagraphNeuron,
  MetagraphView,
  NetuidRef,
  SubnetContext,
  SubnetHyperparameters,
  SubnetView,
} from "./types.js";

// Reading subnets: one subnet at one block, all of them, their hyperparameters (in force, by default, queued), and
// a subnet's metagraph.

/**
 * A subnet: owner, tokens, hyperparameters, UIDs, epochs, reward pool and the registration price now, all read
 * at one block.
 *
 * @example
 * import { createClient, readDeployment } from "open-model-registry/sdk";
 * const client = createClient({ runner: provider, deployment: await readDeployment("deployments/localhost.json") });
 * const subnet = await client.subnets.getSubnet(1);
 * console.log(subnet.n, subnet.epochNumber, subnet.registrationPrice);
 */
export async function getSubnet(context: SubnetContext, netuid: NetuidRef): Promise<SubnetView> {
  const contract = subnets(context);
  const id = toNetuid(netuid);
  const block = await blockNumber(context);
  const at = { blockTag: block };
  const [info, params, price, [queued, queuedFrom]] = await io.read(() =>
    Promise.all([
      contract.subnet(id, at),
      contract.hyperparameters(id, at),
      contract.registrationPrice(id, at),
      contract.queuedHyperparameters(id, at),
    ]),
  );
  const [stakeToken, rewardToken] = await Promise.all([
    readToken(context, info.stakeToken),
    readToken(context, info.rewardToken),
  ]);
  return {
    netuid: id,
    owner: info.owner,
    ownerHotkey: info.ownerHotkey,
    stakeToken,
    rewardToken,
    stakeScale: info.stakeScale,
    hyperparameters: toHyperparameters(params),
    queuedHyperparameters:
      queuedFrom === 0n ? undefined : { hyperparameters: toHyperparameters(queued), from: queuedFrom },
    n: Number(info.n),
    epochNumber: info.epochNumber,
    lastEpochBlock: info.lastEpochBlock,
    nextEpochBlock: info.nextEpochBlock,
    epochRunning: info.epochRunning,
    rewardPool: info.rewardPool,
    registrationPrice: price,
    block: BigInt(block),
  };
}

/**
 * Every subnet, in creation order.
 *
 * @example
 * import { createClient, readDeployment } from "open-model-registry/sdk";
 * const client = createClient({ runner: provider, deployment: await readDeployment("deployments/localhost.json") });
 * for (const s of await client.subnets.listSubnets()) console.log(s.netuid, s.n);
 */
export async function listSubnets(context: SubnetContext): Promise<SubnetView[]> {
  const count = await io.read(() => subnets(context).subnetCount());
  return Promise.all(Array.from({ length: Number(count) }, (_, i) => getSubnet(context, BigInt(i + 1))));
}

/**
 * A subnet's hyperparameters.
 *
 * @example
 * import { createClient, readDeployment } from "open-model-registry/sdk";
 * const client = createClient({ runner: provider, deployment: await readDeployment("deployments/localhost.json") });
 * const { tempo, kappa } = await client.subnets.getSubnetHyperparameters(1);
 */
export async function getSubnetHyperparameters(
  context: SubnetContext,
  netuid: NetuidRef,
): Promise<SubnetHyperparameters> {
  return toHyperparameters(await io.read(() => subnets(context).hyperparameters(toNetuid(netuid))));
}

/**
 * What the contract offers as defaults for a new subnet (subtensor's, with prices and emission in units of an
 * 18-decimal reward token).
 *
 * @example
 * import { createClient, readDeployment } from "open-model-registry/sdk";
 * const client = createClient({ runner: provider, deployment: await readDeployment("deployments/localhost.json") });
 * const defaults = await client.subnets.getDefaultHyperparameters();
 */
export async function getDefaultHyperparameters(context: SubnetContext): Promise<SubnetHyperparameters> {
  return toHyperparameters(await io.read(() => subnets(context).defaultHyperparameters()));
}

/** What {@link setSubnetHyperparameters} queued. */
export type QueuedHyperparameters = NonNullable<SubnetView["queuedHyperparameters"]>;

/**
 * The hyperparameters a subnet's owner queued and the epoch from whose start they apply, or `undefined` when none
 * are queued.
 *
 * @example
 * import { createClient, readDeployment } from "open-model-registry/sdk";
 * const client = createClient({ runner: provider, deployment: await readDeployment("deployments/localhost.json") });
 * const queued = await client.subnets.getQueuedHyperparameters(1);
 */
export async function getQueuedHyperparameters(
  context: SubnetContext,
  netuid: NetuidRef,
): Promise<QueuedHyperparameters | undefined> {
  const [raw, from] = await io.read(() => subnets(context).queuedHyperparameters(toNetuid(netuid)));
  return from === 0n ? undefined : { hyperparameters: toHyperparameters(raw), from };
}

/**
 * A subnet's metagraph, as `btcli subnet metagraph` shows it: per UID its hotkey and coldkey, stake, validator
 * permit, trust, validator trust, consensus, incentive, dividends, emission, registration and last update. Read
 * at one block, in pages of 64 UIDs sent together.
 *
 * @example
 * import { createClient, readDeployment } from "open-model-registry/sdk";
 * const client = createClient({ runner: provider, deployment: await readDeployment("deployments/localhost.json") });
 * const { neurons } = await client.subnets.getMetagraph(1);
 * for (const u of neurons) console.log(u.uid, u.hotkey, u.incentive / 65535, u.emission);
 */
export async function getMetagraph(context: SubnetContext, netuid: NetuidRef): Promise<MetagraphView> {
  const contract = subnets(context);
  const id = toNetuid(netuid);
  const block = await blockNumber(context);
  const at = { blockTag: block };
  const [info, params] = await io.read(() => Promise.all([contract.subnet(id, at), contract.hyperparameters(id, at)]));
  const rows = await readNeurons(contract, id, Number(info.n), block);
  const [stakeToken, rewardToken] = await Promise.all([
    readToken(context, info.stakeToken),
    readToken(context, info.rewardToken),
  ]);
  const cap = (1n << 63n) - 1n;
  const now = BigInt(block);
  const neurons = rows.map((u): MetagraphNeuron => {
    const weight = u.stake / info.stakeScale;
    return {
      uid: Number(u.uid),
      hotkey: u.hotkey,
      coldkey: u.coldkey,
      stake: u.stake,
      stakeWeight: weight > cap ? cap : weight,
      validatorPermit: u.validatorPermit,
      trust: Number(u.trust),
      validatorTrust: Number(u.validatorTrust),
      consensus: Number(u.consensus),
      incentive: Number(u.incentive),
      dividends: Number(u.dividends),
      rank: Number(u.rank),
      emission: u.emission,
      unclaimed: u.unclaimed,
      registeredAt: u.registeredAt,
      lastUpdate: u.lastUpdate,
      immune: now < u.registeredAt + params.immunityPeriod,
      active: u.lastUpdate !== 0n && u.lastUpdate + params.activityCutoff >= now,
    };
  });
  return { netuid: id, block: now, epochNumber: info.epochNumber, stakeToken, rewardToken, neurons };
}
