// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ISubnets} from "../interfaces/ISubnets.sol";
import {SubnetRegistration} from "./SubnetRegistration.sol";
import {SubnetState} from "./SubnetStorage.sol";
import {YumaEpoch} from "./YumaEpoch.sol";

/// @title SubnetEpochs
/// @notice An epoch's life around the Yuma consensus steps: when it is due, the hyperparameters queued for it, the
/// emission taken from the pool, the owner's cut and the keeper's reward, and its completion. Linked (an external
/// library, called by delegatecall on the subnet contract's storage; `msg.sender` is the keeper), which keeps the
/// subnet contract under the code size limit. The subnet contract guards the call against reentrancy.
library SubnetEpochs {
    /// @notice Starts the due epoch, or performs the next step of the running one; the caller of the step that
    /// completes it is credited the epoch's keeper reward.
    /// @return done Whether this call completed the epoch.
    function advance(SubnetState storage s, uint256 netuid, uint256[] calldata consensusHints)
        external
        returns (bool done)
    {
        if (s.epoch.phase == 0) {
            _start(s, netuid);
            return false;
        }
        uint256 paid;
        (done, paid) = YumaEpoch.step(s, consensusHints);
        uint64 epoch = s.epochNumber;
        if (!done) {
            emit ISubnets.EpochStepped(netuid, epoch, msg.sender);
            return false;
        }
        uint256 emission = s.epochEmission;
        if (paid > emission) revert ISubnets.SubnetEpochOverpaid(netuid, paid, emission);
        uint256 dust = emission - paid;
        s.epochEmission = 0;
        s.epochNumber = epoch + 1;
        s.lastEpochBlock = s.runningEpochBlock;
        s.rewardPool += dust;
        uint256 keeper = s.epochKeeperReward;
        emit ISubnets.EpochCompleted(netuid, epoch, emission, paid, dust);
        if (keeper != 0) {
            s.claimable[msg.sender] += keeper;
            emit ISubnets.KeeperRewarded(netuid, msg.sender, keeper);
        }
    }

    /// @notice What the owner and the keeper take of an epoch's `emission`: the owner's cut, and the keeper's reward
    /// capped at MAX_KEEPER_SHARE of it (both floored). With `ownerCut` at most MAX_OWNER_CUT, an owner that also
    /// completes its own epochs takes at most half of each: `cut + keeper <= emission / 2`.
    function split(uint256 emission, uint256 ownerCut, uint256 keeperReward)
        internal
        pure
        returns (uint256 cut, uint256 keeper)
    {
        cut = (emission * ownerCut) / 65_535;
        uint256 cap = (emission * SubnetRegistration.MAX_KEEPER_SHARE) / 65_535;
        keeper = keeperReward < cap ? keeperReward : cap;
    }

    /// Applies the hyperparameters queued for this epoch, takes the emission from the pool, credits the owner's cut,
    /// sets the keeper's reward aside and starts the epoch.
    function _start(SubnetState storage s, uint256 netuid) private {
        uint256 last = s.lastEpochBlock;
        uint256 due = (last == 0 ? s.createdAt : last) + s.params.tempo;
        if (block.number < due) revert ISubnets.SubnetEpochNotDue(netuid, due);
        uint256 queuedFrom = s.queuedParamsFrom;
        if (queuedFrom != 0 && s.epochsStarted + 1 >= queuedFrom) SubnetRegistration.applyQueued(s, netuid);
        uint256 pool = s.rewardPool;
        uint256 emission = s.params.emission;
        if (emission > pool) emission = pool;
        s.rewardPool = pool - emission;
        (uint256 cut, uint256 keeper) = split(emission, s.params.ownerCut, s.params.keeperReward);
        if (cut != 0) s.claimable[s.owner] += cut;
        // The cast is safe: keeper <= keeperReward, a uint128.
        s.epochKeeperReward = uint128(keeper);
        s.epochEmission = emission - cut - keeper;
        s.epochsStarted += 1;
        s.runningEpochBlock = uint64(block.number);
        emit ISubnets.EpochStarted(netuid, s.epochNumber, emission, cut);
        YumaEpoch.start(s);
    }
}
