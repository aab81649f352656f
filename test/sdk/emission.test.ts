import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import { expect } from "chai";
import type { Interface } from "ethers";
import { network } from "hardhat";
import type { NetworkConnection } from "hardhat/types/network";

import {
  createClient,
  decodeRevert,
  describeEmissionActivity,
  describeEmissionSettings,
  EMISSION_ACTIVITIES,
  EmissionAlreadyDistributedError,
  EmissionLengthMismatchError,
  EmissionNoShareError,
  EmissionNotDeployedError,
  EmissionNothingToDistributeError,
  EmissionNoVotingPowerError,
  EmissionOnlyTimelockError,
  EmissionRewardTokenMismatchError,
  EmissionSettingOutOfBoundsError,
  EmissionSubnetInactiveError,
  EmissionSubnetsNotAscendingError,
  EmissionSupplyTooLargeError,
  EmissionTooManySubnetsError,
  EmissionUnknownSubnetError,
  EmissionVoteError,
  EmissionWeightsExceedTotalError,
  EmissionZeroWeightError,
  NetworkEmission__factory,
  parseEmissionVote,
  ProposalCallError,
  type Client,
  type ContractRevertError,
  type Deployment,
  type SdkError,
} from "../../sdk/src/index.js";
import { cidN, ONE } from "../fixtures/constants.js";
import {
  activeSubnet,
  CAP_BPS,
  emissionFixture,
  nextPeriod,
  PERIOD,
  RATE_BPS,
  type NetworkEmission,
} from "../emission/fixture.js";
import { SMALL_SUBNET } from "../fixtures/subnets.js";
import { expectEveryErrorNamed, failure } from "./fixture.js";

// The network emission through the SDK: its reads, a vote from its checks to its event, refreshes and the voters
// they change, distribution to the subnets that can receive, and the protocol DAO's proposal of new settings. The
// protocol is deployed as `deploy/` leaves it; the subnets are made through the contracts, as setup.

const iface: Interface = NetworkEmission__factory.createInterface();

/** The sentence the SDK says for the emission's custom error `name` with `args`. */
const say = (name: string, args: unknown[]): string =>
  (decodeRevert({ code: "CALL_EXCEPTION", data: iface.encodeErrorResult(name, args) }, [iface]) as SdkError)
    .shortMessage;

describe("SDK emission module", function () {
  it("has a named class and a sentence for every custom error of the network emission", function () {
    const names = expectEveryErrorNamed("NetworkEmission", iface);
    expect(names).to.include.members(["EmissionSubnetInactive", "EmissionRewardTokenMismatch", "EmissionNoShare"]);
  });

  it("says each error in words, naming its values, the activity spelled out", function () {
    const token = "0x000000000000000000000000000000000000dEaD";
    const sentences: [string, unknown[], string][] = [
      ["EmissionSupplyTooLarge", [2n ** 96n], `The token's supply of ${2n ** 96n} units is more than the 2^96 - 1`],
      ["EmissionTokenClockNotTimestamp", [], "does not count votes by timestamp (ERC-6372 mode=timestamp)"],
      ["EmissionOnlyTimelock", [token], `${token} is not the protocol timelock: only a proposal of the protocol DAO`],
      [
        "EmissionSettingOutOfBounds",
        ["periodLength", 1800n, 3600n, 7_776_000n],
        "A period length of 30 minutes is outside the 1 hour to 90 days the emission allows.",
      ],
      [
        "EmissionSettingOutOfBounds",
        ["rateBps", 2000n, 1n, 1000n],
        "A release rate of 20% is outside the 0.01% to 10% the emission allows.",
      ],
      ["EmissionLengthMismatch", [2n, 1n], "2 subnets were given with 1 weights: give one weight per subnet."],
      ["EmissionTooManySubnets", [17n, 16n], "The vote names 17 subnets, more than the 16 one voter may name."],
      ["EmissionSubnetsNotAscending", [1n], "entry 2 repeats or precedes the one before it."],
      ["EmissionZeroWeight", [4n], "Subnet 4 is given no weight: leave it out of the vote instead."],
      [
        "EmissionWeightsExceedTotal",
        [11_000n],
        "The vote's weights add up to 110% (11000 basis points), more than 100%.",
      ],
      ["EmissionUnknownSubnet", [9n], "There is no subnet 9."],
      [
        "EmissionWeightTooLarge",
        [2n ** 96n, 2n ** 96n - 1n],
        `The change would take a weight to ${2n ** 96n}, more than the ${2n ** 96n - 1n} the emission holds: refresh`,
      ],
      [
        "EmissionRewardTokenMismatch",
        [3n, token],
        `Subnet 3 rewards in ${token}, not the protocol token: it cannot receive the network emission.`,
      ],
      ["EmissionNoVotingPower", [token], `${token} had no delegated protocol token votes at the start of this period`],
      ["EmissionAlreadyDistributed", [1n, 4n], "Subnet 1's share of period 4 went into its reward pool already."],
      ["EmissionNoShare", [2n, 4n], "Subnet 2 has no share of period 4: no votes weighed for it"],
      ["EmissionSubnetInactive", [2n, 1], "Subnet 2 has completed no epoch: it receives no emission"],
      ["EmissionSubnetInactive", [2n, 2], "Subnet 2 is overdue for its next epoch by more than the grace"],
      ["EmissionSubnetInactive", [2n, 3], "Subnet 2 has fewer validators with stake besides its owner than"],
    ];
    for (const [name, args, sentence] of sentences) expect(say(name, args), name).to.contain(sentence);
  });

  it("reads votes written as netuid:percent, to two decimals, and refuses anything else in a sentence", function () {
    expect(parseEmissionVote("1:70, 2:30")).to.deep.equal([
      { netuid: 1n, bps: 7000 },
      { netuid: 2n, bps: 3000 },
    ]);
    expect(parseEmissionVote("3:33.33% 4=0.5")).to.deep.equal([
      { netuid: 3n, bps: 3333 },
      { netuid: 4n, bps: 50 },
    ]);
    expect(() => parseEmissionVote("1:33.333")).to.throw(EmissionVoteError, '"1:33.333" is not a subnet\'s part');
    expect(() => parseEmissionVote("a:1")).to.throw(EmissionVoteError, "write netuid:percent");
    expect(() => parseEmissionVote(" ")).to.throw(EmissionVoteError, "No subnets were given");
  });

  it("spells out the activity and the settings, with the figures the settings require", function () {
    const settings = { periodLength: 604_800, rateBps: 50, capBps: 5000, graceBlocks: 7200, minValidators: 3 };
    expect(EMISSION_ACTIVITIES).to.deep.equal(["active", "no-epoch", "overdue", "too-few-validators"]);
    expect(describeEmissionActivity("overdue", settings)).to.equal(
      "is overdue for its next epoch by more than 7200 blocks",
    );
    expect(describeEmissionActivity("too-few-validators", settings)).to.equal(
      "has fewer than 3 validators with stake besides its owner",
    );
    expect(describeEmissionActivity("too-few-validators", { ...settings, minValidators: 1 })).to.equal(
      "has no validator with stake besides its owner",
    );
    expect(describeEmissionSettings(settings)).to.equal(
      "periods of 7 days, 0.5% of the reserve released in each, at most 50% of a release to one subnet, 7200 blocks of grace for a late epoch, 3 validators with stake besides the owner",
    );
  });

  describe("against the deployed protocol", function () {
    this.timeout(300_000);
    let connection: NetworkConnection;
    let deployment: Deployment;
    let contract: NetworkEmission;
    let holders: HardhatEthersSigner[];
    let signers: HardhatEthersSigner[];
    let stranger: HardhatEthersSigner;
    /** Subnets: rewarding in the protocol token and active; in it without an epoch; in the stake token. */
    let active: bigint;
    let noEpoch: bigint;
    let otherToken: bigint;
    let tooFew: bigint;
    let fx: Awaited<ReturnType<typeof emissionFixture>>;
    const as = (signer: HardhatEthersSigner): Client => createClient({ runner: signer, deployment });

    before(async function () {
      connection = await network.create();
      fx = await emissionFixture(connection);
      ({ deployment, emission: contract, holders, signers } = fx);
      stranger = signers[19];
      const token = fx.token.target as string;
      active = (await activeSubnet(connection, fx.subnets, fx.stakeToken, token, signers[4], signers.slice(5, 7)))
        .netuid;
      await fx.subnets.connect(signers[4]).createSubnet({
        stakeToken: fx.stakeToken.target as string,
        rewardToken: token,
        model: 0n,
        metadataCid: cidN(8),
        hyperparameters: SMALL_SUBNET,
      });
      noEpoch = await fx.subnets.subnetCount();
      otherToken = (
        await activeSubnet(
          connection,
          fx.subnets,
          fx.stakeToken,
          fx.stakeToken.target as string,
          signers[4],
          signers.slice(7, 9),
        )
      ).netuid;
      tooFew = (await activeSubnet(connection, fx.subnets, fx.stakeToken, token, signers[4], signers.slice(9, 11), 0))
        .netuid;
    });

    after(async function () {
      await connection?.close();
    });

    it("refuses a deployment without the network emission", async function () {
      const { NetworkEmission: _, ...contracts } = deployment.contracts;
      const client = createClient({ runner: stranger, deployment: { ...deployment, contracts } });
      const error = await failure(client.emission.period());
      expect(error).to.be.instanceOf(EmissionNotDeployedError);
      expect((error as SdkError).shortMessage).to.equal(
        "The protocol's deployment on this chain has no network emission.",
      );
    });

    it("reads the first period, the settings, the release and the reserve as deployed", async function () {
      const client = as(stranger);
      const period = await client.emission.period();
      expect(period.number).to.equal(1n);
      expect(BigInt(period.end.getTime() - period.start.getTime()) / 1000n).to.equal(PERIOD);
      const settings = await client.emission.settings();
      expect(settings).to.deep.equal({
        current: {
          periodLength: Number(PERIOD),
          rateBps: Number(RATE_BPS),
          capBps: Number(CAP_BPS),
          graceBlocks: 7200,
          minValidators: 1,
        },
        queued: undefined,
      });
      const held = await fx.token.balanceOf(contract.target);
      const release = await client.emission.release();
      expect(release).to.deep.include({
        period: 1n,
        released: (held * RATE_BPS) / 10_000n,
        distributed: 0n,
        reserve: held - (held * RATE_BPS) / 10_000n,
      });
      expect(release.token).to.include({ symbol: "OMP", decimals: 18 });
    });

    it("tells whether a subnet may receive the emission and whether it is active, with the figures required", async function () {
      const client = as(stranger);
      expect(await client.emission.subnetStatus(active)).to.deep.include({
        eligible: true,
        activity: "active",
        reason: "is active",
      });
      expect(await client.emission.subnetStatus(noEpoch)).to.deep.include({
        eligible: true,
        activity: "no-epoch",
        reason: "has completed no epoch",
      });
      expect(await client.emission.subnetStatus(tooFew)).to.deep.include({
        activity: "too-few-validators",
        reason: "has no validator with stake besides its owner",
      });
      const other = await client.emission.subnetStatus(otherToken);
      expect(other.eligible).to.equal(false);
      expect(other.rewardToken).to.include({ symbol: "STK", address: fx.stakeToken.target });
      expect(other.token.symbol).to.equal("OMP");
    });

    it("refuses a vote without voting power: votes delegated during a period count from the next", async function () {
      const error = await failure(as(holders[0]).emission.vote([{ netuid: active, bps: 10_000 }]));
      expect(error).to.be.instanceOf(EmissionNoVotingPowerError);
      expect((error as EmissionNoVotingPowerError).voter).to.equal(holders[0].address);
      expect(await as(stranger).emission.powerOf(holders[0].address)).to.equal(0n);
    });

    it("refuses, before sending, each vote the contract would refuse, with its error", async function () {
      await nextPeriod(connection, contract);
      const client = as(holders[0]);
      const refused = async (vote: Parameters<Client["emission"]["vote"]>[0], type: unknown, sentence: string) => {
        const error = await failure(client.emission.prepareVote(vote));
        expect(error, sentence).to.be.instanceOf(type as new () => unknown);
        expect((error as SdkError).shortMessage).to.contain(sentence);
      };
      await refused({ netuids: [active, noEpoch], bps: [5000] }, EmissionLengthMismatchError, "2 subnets were given");
      await refused(
        Array.from({ length: 17 }, (_, i) => ({ netuid: i + 1, bps: 1 })),
        EmissionTooManySubnetsError,
        "names 17 subnets",
      );
      await refused(
        [
          { netuid: active, bps: 10 },
          { netuid: active, bps: 20 },
        ],
        EmissionSubnetsNotAscendingError,
        "each named once",
      );
      await refused([{ netuid: active, bps: 0 }], EmissionZeroWeightError, `Subnet ${active} is given no weight`);
      await refused({ netuids: [active, noEpoch], bps: [7000, 4000] }, EmissionWeightsExceedTotalError, "110%");
      await refused([{ netuid: 99, bps: 1 }], EmissionUnknownSubnetError, "There is no subnet 99.");
      await refused(
        [{ netuid: otherToken, bps: 1 }],
        EmissionRewardTokenMismatchError,
        `Subnet ${otherToken} rewards in ${fx.stakeToken.target}, not the protocol token`,
      );
      await refused([{ netuid: active, bps: 1.5 }], EmissionVoteError, "whole basis points");
      // Sent as it is, the contract refuses it the same way, and the SDK reads its error.
      const direct = await failure(contract.connect(holders[0]).vote([noEpoch, active], [1, 1]));
      const decoded = decodeRevert(direct, [iface]) as ContractRevertError;
      expect(decoded).to.be.instanceOf(EmissionSubnetsNotAscendingError);
      expect(decoded.shortMessage).to.contain("entry 2 repeats or precedes the one before it");
    });

    it("votes with the power at the period's start, in any order, weighing from the next period", async function () {
      const [period, power] = await Promise.all([
        as(stranger).emission.period(),
        as(stranger).emission.powerOf(holders[0].address),
      ]);
      expect(power).to.equal(await fx.token.getVotes(holders[0].address));
      const { result } = await as(holders[0]).emission.vote([
        { netuid: noEpoch, bps: 3000 },
        { netuid: active, bps: 7000 },
      ]);
      expect(result).to.deep.include({ voter: holders[0].address, power, from: period.number + 1n });
      expect(result.allocations).to.deep.equal([
        { netuid: active, bps: 7000 },
        { netuid: noEpoch, bps: 3000 },
      ]);
      expect(result.fromStart).to.deep.equal(period.end);
      await as(holders[1]).emission.vote({ netuids: [active], bps: [10_000] });

      const ballot = await as(holders[0]).emission.ballot();
      expect(ballot).to.deep.include({ power, period: period.number, from: period.number + 1n, stale: false });
      expect(ballot.allocations).to.deep.equal(result.allocations);
      const shares = await as(stranger).emission.subnetShares([active, noEpoch]);
      const [a, b] = shares.subnets;
      const power1 = await fx.token.getVotes(holders[1].address);
      expect(a.weight).to.deep.equal({ current: 0n, next: (power * 7000n) / 10_000n + power1 });
      expect(b.weight).to.deep.equal({ current: 0n, next: (power * 3000n) / 10_000n });
      expect(shares.totalWeight.next).to.equal(a.weight.next + b.weight.next);
      expect(a.share).to.equal(0n);
      expect(Math.abs(a.fraction.next + b.fraction.next - 1)).to.be.lessThan(1e-5);
      // The next release is rateBps of all the contract holds; the larger subnet's estimate is cut at the cap.
      const held = await fx.token.balanceOf(contract.target);
      expect(shares.nextRelease).to.equal((held * RATE_BPS) / 10_000n);
      expect(a.nextShare).to.equal((shares.nextRelease * CAP_BPS) / 10_000n);
      expect(b.nextShare).to.equal((shares.nextRelease * b.weight.next) / shares.totalWeight.next);
    });

    it("finds the voters whose power moved and refreshes them, anyone on anyone", async function () {
      expect(await as(stranger).emission.staleVoters()).to.deep.equal([]);
      const before = await fx.token.getVotes(holders[1].address);
      await fx.token.connect(holders[1]).transfer(stranger.address, before / 2n);
      const after = before - before / 2n;
      expect(await as(stranger).emission.staleVoters()).to.deep.equal([
        { voter: holders[1].address, recorded: before, now: after },
      ]);
      const prepared = await as(stranger).emission.prepareRefresh(holders[1].address);
      expect(prepared).to.deep.include({ oldPower: before, newPower: after, allocated: true, changes: true });

      const { result } = await as(stranger).emission.refresh(holders[1].address);
      const period = await as(stranger).emission.period();
      expect(result).to.deep.include({ changed: true, oldPower: before, newPower: after, from: period.number + 1n });
      expect(result.token.symbol).to.equal("OMP");
      expect(await as(stranger).emission.staleVoters()).to.deep.equal([]);
      // A refresh that changes nothing is said so, and costs only its gas.
      expect((await as(stranger).emission.prepareRefresh(holders[1].address)).changes).to.equal(false);
      const again = await as(stranger).emission.refresh(holders[1].address);
      expect(again.result).to.deep.include({ changed: false, oldPower: after, newPower: after });
      expect((await as(stranger).emission.prepareRefresh(stranger.address)).allocated).to.equal(false);
    });

    it("shares the period's release by the weights as it began, capped, and distributes to the subnets that can", async function () {
      await nextPeriod(connection, contract);
      const client = as(stranger);
      const shares = await client.emission.subnetShares();
      expect(shares.subnets.map((s) => s.netuid)).to.deep.equal([active, noEpoch, otherToken, tooFew]);
      const [a, b, c] = shares.subnets;
      expect(a.share).to.equal((shares.released * CAP_BPS) / 10_000n);
      expect(a.capped).to.equal(true);
      expect(b.share).to.equal((shares.released * b.weight.current) / shares.totalWeight.current);
      expect(b.capped).to.equal(false);
      expect(c).to.deep.include({ eligible: false, share: 0n, distributed: false, emitted: 0n });

      const poolBefore = (await fx.subnets.subnet(active)).rewardPool;
      const { result } = await client.emission.distribute();
      expect(result.distributed).to.deep.equal([{ netuid: active, amount: a.share }]);
      expect(result.total).to.equal(a.share);
      expect(result.period).to.equal(shares.period.number);
      expect(result.skipped).to.deep.equal([
        { netuid: noEpoch, reason: "inactive", share: b.share, description: "has completed no epoch" },
        { netuid: otherToken, reason: "no-share", share: 0n, description: "has no share of this period" },
        { netuid: tooFew, reason: "no-share", share: 0n, description: "has no share of this period" },
      ]);
      expect((await fx.subnets.subnet(active)).rewardPool).to.equal(poolBefore + a.share);
      const after = await client.emission.subnetShares([active]);
      expect(after.subnets[0]).to.deep.include({ distributed: true, emitted: a.share });
      const release = await client.emission.release();
      expect(release).to.deep.include({ distributed: a.share, undistributed: shares.released - a.share });
    });

    it("refuses a second distribution, a subnet without a share and an inactive one, naming the figures", async function () {
      const client = as(stranger);
      const { number: period } = await client.emission.period();
      const twice = await failure(client.emission.distribute([active]));
      expect(twice).to.be.instanceOf(EmissionAlreadyDistributedError);
      expect((twice as SdkError).shortMessage).to.equal(
        `Subnet ${active}'s share of period ${period} went into its reward pool already.`,
      );
      const none = await failure(client.emission.distribute([tooFew]));
      expect(none).to.be.instanceOf(EmissionNoShareError);
      const inactive = await failure(client.emission.distribute([noEpoch]));
      expect(inactive).to.be.instanceOf(EmissionSubnetInactiveError);
      expect((inactive as SdkError).shortMessage).to.equal(
        `Subnet ${noEpoch} has completed no epoch: it receives no emission while it is not active.`,
      );
      const nothing = await failure(client.emission.distribute());
      expect(nothing).to.be.instanceOf(EmissionNothingToDistributeError);
      expect((nothing as SdkError).shortMessage).to.equal(
        `No subnet can receive period ${period}'s emission now: subnet ${active} received its share already; subnet ${noEpoch} has completed no epoch; 2 subnets have no share of it.`,
      );
      // Sent as it is, the contract refuses the same batch with its own error, which the SDK reads.
      const direct = await failure(contract.connect(stranger).distribute([noEpoch]));
      expect(decodeRevert(direct, [iface])).to.be.instanceOf(EmissionSubnetInactiveError);
    });

    it("names the grace a subnet overran when it is overdue for its epoch", async function () {
      await connection.networkHelpers.mine(7300);
      await nextPeriod(connection, contract);
      const client = as(stranger);
      expect(await client.emission.subnetStatus(active)).to.deep.include({
        activity: "overdue",
        reason: "is overdue for its next epoch by more than 7200 blocks",
      });
      const overdue = await failure(client.emission.distribute([active]));
      expect(overdue).to.be.instanceOf(EmissionSubnetInactiveError);
      expect((overdue as SdkError).shortMessage).to.equal(
        `Subnet ${active} is overdue for its next epoch by more than 7200 blocks: it receives no emission while it is not active.`,
      );
    });

    it("withdraws a vote with an empty list, from the next period on", async function () {
      const { result } = await as(holders[0]).emission.vote([]);
      expect(result.allocations).to.deep.equal([]);
      const ballot = await as(stranger).emission.ballot(holders[0].address);
      expect(ballot.allocations).to.deep.equal([]);
      const [b] = (await as(stranger).emission.subnetShares([noEpoch])).subnets;
      expect(b.weight.next).to.equal(0n);
      expect(b.weight.current).to.be.greaterThan(0n);
    });

    it("builds the protocol DAO's call that sets the emission's settings, described and decoded in words", async function () {
      const client = as(holders[0]);
      const call = await client.governance.buildSetEmissionSettings({ rate: "0.25%", cap: "4000", periodLength: "3d" });
      const words =
        "periods of 3 days, 0.25% of the reserve released in each, at most 40% of a release to one subnet, 7200 blocks of grace for a late epoch, 1 validator with stake besides the owner";
      expect(call).to.deep.include({ to: deployment.contracts.NetworkEmission!.address, value: 0n });
      expect(call.description).to.equal(`Set the network emission's settings from the next period on: ${words}.`);
      const [decoded] = await client.governance.describeCalls({ model: "protocol", calls: [call] });
      expect(decoded).to.deep.include({ contract: "NetworkEmission", description: call.description });

      const outside = await failure(client.governance.buildSetEmissionSettings({ cap: "1%" }));
      expect(outside).to.be.instanceOf(EmissionSettingOutOfBoundsError);
      expect((outside as EmissionSettingOutOfBoundsError).setting).to.equal("capBps");
      expect((outside as SdkError).shortMessage).to.equal(
        "A cap per subnet of 1% is outside the 5% to 100% the emission allows.",
      );
      const tooLong = await failure(client.governance.buildSetEmissionSettings({ periodLength: "91d" }));
      expect((tooLong as SdkError).shortMessage).to.equal(
        "A period length of 91 days is outside the 1 hour to 90 days the emission allows.",
      );
      expect(await failure(client.governance.buildSetEmissionSettings({}))).to.be.instanceOf(ProposalCallError);
      expect(await failure(client.governance.buildSetEmissionSettings({ rate: "half" }))).to.be.instanceOf(
        ProposalCallError,
      );

      // Only the timelock may make the call; made by it, the settings wait for the next period.
      const refused = await failure(holders[0].sendTransaction({ to: call.to, data: call.data }));
      const decodedRefusal = decodeRevert(refused, [iface]) as SdkError;
      expect(decodedRefusal).to.be.instanceOf(EmissionOnlyTimelockError);
      expect(decodedRefusal.shortMessage).to.contain(`${holders[0].address} is not the protocol timelock`);
      const timelock = deployment.contracts.ProtocolTimelock!.address;
      await connection.networkHelpers.impersonateAccount(timelock);
      await connection.networkHelpers.setBalance(timelock, ONE);
      const signer = await connection.ethers.getSigner(timelock);
      await (await signer.sendTransaction({ to: call.to, data: call.data })).wait();
      const { number } = await client.emission.period();
      const settings = await client.emission.settings();
      expect(settings.queued).to.deep.equal({
        from: number + 1n,
        settings: { periodLength: 3 * 86_400, rateBps: 25, capBps: 4000, graceBlocks: 7200, minValidators: 1 },
      });
      // The next proposal starts from the queued settings.
      const next = await client.governance.buildSetEmissionSettings({ graceBlocks: 100 });
      expect(next.description).to.contain("periods of 3 days, 0.25% of the reserve").and.contain("100 blocks of grace");
    });

    it("decodes the contract's refusal of a token whose supply a weight cannot hold", async function () {
      const [owner] = signers;
      const token = await connection.ethers.deployContract("PlainVotesToken", [[owner.address], [2n ** 96n]]);
      const settings = { periodLength: PERIOD, rateBps: RATE_BPS, capBps: CAP_BPS, graceBlocks: 0, minValidators: 1 };
      const error = await failure(
        connection.ethers.deployContract("NetworkEmission", [token.target, fx.subnets.target, owner.address, settings]),
      );
      const decoded = decodeRevert(error, [iface]) as SdkError;
      expect(decoded).to.be.instanceOf(EmissionSupplyTooLargeError);
      expect(decoded.shortMessage).to.contain(`supply of ${2n ** 96n} units`);
    });
  });
});
