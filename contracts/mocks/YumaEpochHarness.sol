// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {YumaEpoch} from "../subnets/YumaEpoch.sol";
import {EpochMath} from "../subnets/epoch/EpochMath.sol";
import {Hyperparameters, MetagraphWord, SubnetState, WeightSums} from "../subnets/SubnetStorage.sol";

/// @notice One subnet's state with plain setters, to drive {YumaEpoch} in tests and gas measurements.
contract YumaEpochHarness {
    SubnetState internal s;

    /// @notice Emitted by {runEpoch} with the epoch's step count and amount paid.
    event EpochRun(uint256 steps, uint256 paid);

    constructor() {
        s.stakeScale = 1;
    }

    /// @notice Sets the number of UIDs.
    function setN(uint16 n) external {
        s.n = n;
    }

    /// @notice Registers `hotkeys[k]` at UID `first + k`, registered in block `registeredAt[k]`.
    function setNeurons(uint256 first, address[] calldata hotkeys, uint64[] calldata registeredAt) external {
        for (uint256 k; k < hotkeys.length; ++k) {
            s.neurons[first + k].hotkey = hotkeys[k];
            uint256 uid = first + k;
            uint256 shift = 64 * (uid & 3);
            uint256 word = s.epoch.registeredAt[uid >> 2] & ~(uint256(type(uint64).max) << shift);
            s.epoch.registeredAt[uid >> 2] = word | (uint256(registeredAt[k]) << shift);
            // The word-column's latest registration, as registration keeps it.
            uint256 w = uid >> 4;
            uint256 latestShift = 64 * (w & 3);
            uint256 latest = s.epoch.registeredLatest[w >> 2];
            if (uint64(latest >> latestShift) < registeredAt[k]) {
                latest &= ~(uint256(type(uint64).max) << latestShift);
                s.epoch.registeredLatest[w >> 2] = latest | (uint256(registeredAt[k]) << latestShift);
            }
            s.uidPlusOne[hotkeys[k]] = first + k + 1;
            // As registration by the hotkey itself, naming no coldkey, binds it to itself.
            s.uidColdkeys[first + k] = hotkeys[k];
        }
    }

    /// @notice Sets the stake weight of each hotkey (the stake scale is 1).
    function setStakes(address[] calldata hotkeys, uint256[] calldata amounts) external {
        for (uint256 k; k < hotkeys.length; ++k) {
            s.pools[hotkeys[k]].active = uint112(amounts[k]);
            uint256 plusOne = s.uidPlusOne[hotkeys[k]];
            if (plusOne != 0 && amounts[k] != 0) s.stakedUids |= uint256(1) << (plusOne - 1);
        }
    }

    /// @notice Sets the last weights update block of UIDs `first ..`.
    function setLastUpdates(uint256 first, uint64[] calldata blocks) external {
        for (uint256 k; k < blocks.length; ++k) s.lastUpdate[first + k] = blocks[k];
    }

    /// @notice Sets the packed weight rows of `uids`, each naming with a zero weight the UIDs of its `zeros` bitmap,
    /// as the subnet contract stores weights.
    function setWeightRows(uint256[] calldata uids, uint256[16][] calldata rows, uint256[] calldata zeros) external {
        for (uint256 k; k < uids.length; ++k) {
            s.weights[uids[k]] = rows[k];
            uint256 sum;
            for (uint256 w; w < 16; ++w) sum += EpochMath.sumLanes(rows[k][w]);
            uint256 self = (rows[k][uids[k] >> 4] >> (16 * (uids[k] & 15))) & 0xffff;
            if (zeros[k] != 0) s.weightZeros[uids[k]] = zeros[k];
            s.weightSums[uids[k]] = WeightSums.pack(sum, self, zeros[k] != 0);
        }
    }

    /// @notice Sets the packed bond rows of `uids`.
    function setBondRows(uint256[] calldata uids, uint256[16][] calldata rows) external {
        for (uint256 k; k < uids.length; ++k) s.bonds[uids[k]] = rows[k];
    }

    /// @notice Sets the validator permits bitmap.
    function setPermits(uint256 bitmap) external {
        s.validatorPermits = bitmap;
    }

    /// @notice Sets the weight commits of `uids`: hash, commit epoch, reveal epoch and block.
    function setCommits(
        uint256[] calldata uids,
        bytes32[] calldata hashes,
        uint64[] calldata epochs,
        uint64[] calldata revealEpochs,
        uint64[] calldata blockNumbers
    ) external {
        for (uint256 k; k < uids.length; ++k) {
            s.commits[uids[k]].hash = hashes[k];
            s.commits[uids[k]].epoch = epochs[k];
            s.commits[uids[k]].revealEpoch = revealEpochs[k];
            s.commits[uids[k]].blockNumber = blockNumbers[k];
        }
    }

    /// @notice Sets the permits, the owner's hotkey, the hyperparameters, the epoch counters and the emission.
    function configure(
        uint256 bitmap,
        address ownerHotkey,
        Hyperparameters calldata params,
        uint64 epochNumber,
        uint64 lastEpochBlock,
        uint256 emission
    ) external {
        s.validatorPermits = bitmap;
        s.ownerHotkey = ownerHotkey;
        s.params = params;
        s.epochNumber = epochNumber;
        s.lastEpochBlock = lastEpochBlock;
        s.epochEmission = emission;
    }

    /// @notice Sets the hyperparameters.
    function setParams(Hyperparameters calldata params) external {
        s.params = params;
    }

    /// @notice Sets the owner's hotkey.
    function setOwnerHotkey(address hotkey) external {
        s.ownerHotkey = hotkey;
    }

    /// @notice Sets the epoch counters: completed epochs and the block in which the last one started.
    function setEpochs(uint64 epochNumber, uint64 lastEpochBlock) external {
        s.epochNumber = epochNumber;
        s.lastEpochBlock = lastEpochBlock;
    }

    /// @notice Sets the emission of the next epoch.
    function setEpochEmission(uint256 emission) external {
        s.epochEmission = emission;
    }

    /// @notice Starts an epoch.
    function start() external {
        YumaEpoch.start(s);
    }

    /// @notice Performs one step of the running epoch.
    function step() external returns (bool done, uint256 paid) {
        return YumaEpoch.step(s, new uint256[](0));
    }

    /// @notice Performs one step of the running epoch with consensus guesses (see {YumaEpoch-step}).
    function stepWithHints(uint256[] calldata hints) external returns (bool done, uint256 paid) {
        return YumaEpoch.step(s, hints);
    }

    /// @notice The consensus the last epoch computed, in the layout {stepWithHints} takes.
    function consensusWords() external view returns (uint256[64] memory) {
        return s.epoch.consensus;
    }

    /// @notice Starts an epoch and steps it to completion in this transaction.
    function runEpoch() external returns (uint256 steps, uint256 paid) {
        YumaEpoch.start(s);
        bool done;
        while (!done) {
            (done, paid) = YumaEpoch.step(s, new uint256[](0));
            ++steps;
        }
        emit EpochRun(steps, paid);
    }

    /// @notice The metagraph words of UIDs `0 .. n-1`.
    function metagraph() external view returns (uint256[] memory words) {
        words = new uint256[](s.n);
        for (uint256 i; i < words.length; ++i) words[i] = s.metagraph[i];
    }

    /// @notice The packed bond rows of UIDs `0 .. n-1`.
    function bondRows() external view returns (uint256[16][] memory rows) {
        rows = new uint256[16][](s.n);
        for (uint256 i; i < rows.length; ++i) rows[i] = s.bonds[i];
    }

    /// @notice The validator permits bitmap.
    function permits() external view returns (uint256) {
        return s.validatorPermits;
    }

    /// @notice Sets what UID `uid` has yet to claim (the top bits of its metagraph word).
    function setUnclaimed(uint256 uid, uint256 amount) external {
        uint256 word = s.metagraph[uid] & ~(MetagraphWord.UNCLAIMED_MAX << MetagraphWord.UNCLAIMED_SHIFT);
        s.metagraph[uid] = word | (amount << MetagraphWord.UNCLAIMED_SHIFT);
    }

    /// @notice The claimable balance of `account` alone (without its UIDs' unclaimed rewards).
    function claimableBalance(address account) external view returns (uint256) {
        return s.claimable[account];
    }

    /// @notice Reward token units credited to `account`: its claimable balance and what its UIDs have yet to claim.
    function claimable(address account) external view returns (uint256) {
        address[] memory accounts = new address[](1);
        accounts[0] = account;
        return claimables(accounts)[0];
    }

    /// @notice Reward token units credited to each of `accounts` (each UID's storage read once).
    function claimables(address[] memory accounts) public view returns (uint256[] memory amounts) {
        amounts = new uint256[](accounts.length);
        for (uint256 k; k < accounts.length; ++k) amounts[k] = s.claimable[accounts[k]];
        for (uint256 uid; uid < s.n; ++uid) {
            uint256 unclaimed = MetagraphWord.unclaimed(s.metagraph[uid]);
            if (unclaimed == 0) continue;
            address coldkey = s.uidColdkeys[uid];
            for (uint256 k; k < accounts.length; ++k) {
                if (accounts[k] == coldkey) amounts[k] += unclaimed;
            }
        }
    }

    /// @notice The running epoch's pass (0 when none runs).
    function phase() external view returns (uint8) {
        return s.epoch.phase;
    }
}
