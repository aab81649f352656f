import { anyValue } from "@nomicfoundation/hardhat-ethers-chai-matchers/withArgs";
import { expect } from "chai";
import { network } from "hardhat";

import { DEV_EMISSION_RESERVE } from "../../deploy/protocol.js";
import { DAY } from "../fixtures/constants.js";
import {
  Activity,
  BPS,
  CAP_BPS,
  type EmissionSettings,
  NO_SETTINGS,
  nextPeriod,
  passProposal,
  RATE_BPS,
  runEpoch,
  SETTINGS,
  settingsOf,
  subnetsFixture,
  timelockSigner,
  vote,
} from "./fixture.js";

// The settings the protocol DAO governs: set only by its timelock (so only by a passed proposal, after its delay),
// each within bounds the contract fixes, and in force from the period after the one they are set in.

const connection = await network.create();
const { ethers, networkHelpers } = connection;
const { loadFixture, mine, time } = networkHelpers;

/** Every setting at its lowest and at its highest. */
const LOWEST = { periodLength: 3600n, rateBps: 1n, capBps: 500n, graceBlocks: 0n, minValidators: 1n };
const HIGHEST = {
  periodLength: 90n * BigInt(DAY),
  rateBps: 1000n,
  capBps: BPS,
  graceBlocks: 1_000_000n,
  minValidators: 64n,
};
/** Every setting's bounds, as the contract names them. */
const BOUNDS = (Object.keys(LOWEST) as (keyof EmissionSettings)[]).map(
  (name) => [name, LOWEST[name], HIGHEST[name]] as const,
);

/** Subnets a, b and c with holder 1's votes 70/30 on a and b from period 3, which has begun; and the timelock. */
async function settingsFixture() {
  const f = await subnetsFixture(connection);
  await vote(f.emission, f.holders[1], [
    [f.a.netuid, 7000],
    [f.b.netuid, 3000],
  ]);
  await nextPeriod(connection, f.emission);
  return { ...f, timelock: await timelockSigner(connection, f) };
}

describe("NetworkEmission settings", function () {
  after(async function () {
    await connection.close();
  });

  describe("who sets them", function () {
    it("refuses anyone but the protocol timelock, the governor and the subnets' owner included", async function () {
      const { emission, holders, owner, stranger, protocolGovernor } = await loadFixture(settingsFixture);
      const governor = await ethers.getImpersonatedSigner(protocolGovernor.target as string);
      await networkHelpers.setBalance(governor.address, 10n ** 18n);
      for (const caller of [holders[0], owner, stranger, governor]) {
        await expect(emission.connect(caller).setSettings(SETTINGS))
          .to.be.revertedWithCustomError(emission, "EmissionOnlyTimelock")
          .withArgs(caller.address);
      }
    });

    it("takes them from a passed proposal of the protocol DAO, from the period after its execution", async function () {
      const f = await loadFixture(settingsFixture);
      const { emission } = f;
      const settings = { ...SETTINGS, rateBps: 100n, capBps: 2500n };
      const tx = passProposal(
        connection,
        f,
        f.holders,
        [{ target: emission.target as string, data: emission.interface.encodeFunctionData("setSettings", [settings]) }],
        "Release 1% a period, at most 25% to a subnet",
      );
      // The proposal takes eight days: it executes in period 4.
      await expect(tx).to.emit(emission, "EmissionSettingsQueued").withArgs(Object.values(settings), 5n);
      expect((await emission.currentPeriod())[0]).to.equal(4n);
      const [current, queued, from] = await emission.settings();
      expect(settingsOf(current)).to.deep.equal(SETTINGS);
      expect(settingsOf(queued)).to.deep.equal(settings);
      expect(from).to.equal(5n);
      await nextPeriod(connection, emission);
      const [now, none, noneFrom] = await emission.settings();
      expect(settingsOf(now)).to.deep.equal(settings);
      expect([settingsOf(none), noneFrom]).to.deep.equal([NO_SETTINGS, 0n]);
    });
  });

  describe("bounds", function () {
    it("refuses each setting outside its bounds, naming it, its value and the bounds", async function () {
      const { emission, timelock } = await loadFixture(settingsFixture);
      for (const [name, min, max] of BOUNDS) {
        const outside = min === 0n ? [max + 1n] : [min - 1n, max + 1n];
        for (const value of outside) {
          await expect(emission.connect(timelock).setSettings({ ...SETTINGS, [name]: value }))
            .to.be.revertedWithCustomError(emission, "EmissionSettingOutOfBounds")
            .withArgs(name, value, min, max);
        }
      }
      const [, queued, from] = await emission.settings();
      expect([settingsOf(queued), from]).to.deep.equal([NO_SETTINGS, 0n]);
    });

    it("takes each bound itself", async function () {
      const { emission, timelock } = await loadFixture(settingsFixture);
      for (const settings of [LOWEST, HIGHEST]) {
        await expect(emission.connect(timelock).setSettings(settings)).to.emit(emission, "EmissionSettingsQueued");
        expect(settingsOf((await emission.settings())[1])).to.deep.equal(settings);
      }
    });
  });

  describe("when the rate and the cap change", function () {
    it("keeps the running period's release and shares, and applies from the next period", async function () {
      const { emission, timelock, a } = await loadFixture(settingsFixture);
      // Set before anything opened period 3: the call opens it with the settings in force.
      await expect(emission.connect(timelock).setSettings({ ...SETTINGS, rateBps: 1000n, capBps: 500n }))
        .to.emit(emission, "EmissionPeriodOpened")
        .withArgs(3n, DEV_EMISSION_RESERVE, (DEV_EMISSION_RESERVE * RATE_BPS) / BPS);
      const released = (DEV_EMISSION_RESERVE * RATE_BPS) / BPS;
      expect(await emission.periodRelease()).to.deep.equal([3n, released, 0n]);
      const [shareA] = await emission.shareOf(a.netuid);
      expect(shareA).to.equal((released * CAP_BPS) / BPS);
      await emission.distribute([a.netuid]);
      await nextPeriod(connection, emission);
      const held = DEV_EMISSION_RESERVE - shareA;
      const next = (held * 1000n) / BPS;
      expect(await emission.periodRelease()).to.deep.equal([4n, next, 0n]);
      expect(await emission.shareOf(a.netuid)).to.deep.equal([(next * 500n) / BPS, false]);
    });
  });

  describe("when the period length changes", function () {
    it("keeps the running period's end; the periods after it take the new length", async function () {
      const { emission, timelock } = await loadFixture(settingsFixture);
      const [, start, end] = await emission.currentPeriod();
      await emission.connect(timelock).setSettings({ ...SETTINGS, periodLength: BigInt(DAY) });
      expect(await emission.currentPeriod()).to.deep.equal([3n, start, end]);
      await time.increaseTo(end - 1n);
      expect(await emission.currentPeriod()).to.deep.equal([3n, start, end]);
      await time.increaseTo(end);
      expect(await emission.currentPeriod()).to.deep.equal([4n, end, end + BigInt(DAY)]);
      // Counted without a call in between.
      await time.increaseTo(end + 10n * BigInt(DAY) + 5n);
      const d = BigInt(DAY);
      expect(await emission.currentPeriod()).to.deep.equal([14n, end + 10n * d, end + 11n * d]);
      await emission.connect(timelock).setSettings({ ...SETTINGS, periodLength: 30n * d });
      expect(await emission.currentPeriod()).to.deep.equal([14n, end + 10n * d, end + 11n * d]);
      await time.increaseTo(end + 11n * d);
      expect(await emission.currentPeriod()).to.deep.equal([15n, end + 11n * d, end + 41n * d]);
      await time.increaseTo(end + 41n * d);
      expect(await emission.currentPeriod()).to.deep.equal([16n, end + 41n * d, end + 71n * d]);
    });

    it("numbers the periods right when nobody calls for several periods after the change", async function () {
      const { emission, timelock } = await loadFixture(settingsFixture);
      const [, , end] = await emission.currentPeriod();
      await emission.connect(timelock).setSettings({ ...SETTINGS, periodLength: 3600n });
      // Period 4 starts at the old end, then one an hour.
      await time.increaseTo(end + 3n * 3600n + 1n);
      expect(await emission.currentPeriod()).to.deep.equal([7n, end + 3n * 3600n, end + 4n * 3600n]);
      // The first call writes the clock down and opens period 7; the numbering stays.
      await expect(emission.refresh(timelock))
        .to.emit(emission, "EmissionPeriodOpened")
        .withArgs(7n, anyValue, anyValue);
      expect(await emission.currentPeriod()).to.deep.equal([7n, end + 3n * 3600n, end + 4n * 3600n]);
    });
  });

  describe("when activity's settings change", function () {
    it("counts validators and grace by the settings in force, from the next period", async function () {
      const { emission, subnets, timelock, a } = await loadFixture(settingsFixture);
      await emission.connect(timelock).setSettings({ ...SETTINGS, minValidators: 2n, graceBlocks: 0n });
      expect(await emission.activity(a.netuid)).to.equal(BigInt(Activity.Active));
      await nextPeriod(connection, emission);
      await runEpoch(connection, subnets, a.netuid);
      expect(await emission.activity(a.netuid)).to.equal(BigInt(Activity.TooFewValidators));
      await emission.connect(timelock).setSettings({ ...SETTINGS, graceBlocks: 0n });
      await nextPeriod(connection, emission);
      await runEpoch(connection, subnets, a.netuid);
      expect(await emission.activity(a.netuid)).to.equal(BigInt(Activity.Active));
      const due = (await subnets.subnet(a.netuid)).nextEpochBlock;
      const now = BigInt(await ethers.provider.getBlockNumber());
      if (now <= due) await mine(due - now + 1n);
      expect(await emission.activity(a.netuid)).to.equal(BigInt(Activity.Overdue));
    });
  });

  describe("when set twice in one period", function () {
    it("takes the later settings", async function () {
      const { emission, timelock } = await loadFixture(settingsFixture);
      await emission.connect(timelock).setSettings({ ...SETTINGS, rateBps: 10n });
      await expect(emission.connect(timelock).setSettings({ ...SETTINGS, rateBps: 20n }))
        .to.emit(emission, "EmissionSettingsQueued")
        .withArgs(Object.values({ ...SETTINGS, rateBps: 20n }), 4n);
      await nextPeriod(connection, emission);
      expect((await emission.settings())[0].rateBps).to.equal(20n);
    });
  });
});
