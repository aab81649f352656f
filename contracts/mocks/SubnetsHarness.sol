// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Subnets} from "../subnets/Subnets.sol";
import {SubnetRewards} from "../subnets/SubnetRewards.sol";
import {SubnetRegistration} from "../subnets/SubnetRegistration.sol";
import {Hyperparameters, MetagraphWord, SubnetState} from "../subnets/SubnetStorage.sol";

/// @notice The harness's writes that need more than a store, linked (called by delegatecall) so that their code
/// stays out of the harness, which carries the whole subnet contract within the code size limit.
library SubnetsHarnessOps {
    /// @notice See {SubnetsHarness-creditEmission}.
    function creditEmission(SubnetState storage s, address hotkey, uint256 server, uint256 validator) external {
        s.rewardPool -= server + validator;
        uint256 toColdkey = server;
        if (validator != 0) toColdkey += SubnetRewards.creditDividends(s, hotkey, validator);
        s.metagraph[s.uidPlusOne[hotkey] - 1] += toColdkey << MetagraphWord.UNCLAIMED_SHIFT;
    }
}

/// @notice Test double: the subnet contract with setters for what only the epoch writes (metagraph words,
/// validator permits, bonds) and a direct call of the epoch's reward crediting, so that pruning, weights and reward
/// splits are tested without running epochs.
contract SubnetsHarness is Subnets {
    constructor(address initialOwner, uint256 initialCreationFee) Subnets(initialOwner, initialCreationFee) {}

    function setMetagraphWord(uint256 netuid, uint256 uid, uint256 word) external {
        _subnets[netuid].metagraph[uid] = word;
    }

    /// @notice The UIDs whose stake pools the epoch reads (bitmap).
    function stakedUids(uint256 netuid) external view returns (uint256) {
        return _subnets[netuid].stakedUids;
    }

    /// @notice Sets word `w` of `uid`'s bond row (16 u16 bonds), as an epoch would have written it.
    function setBondWord(uint256 netuid, uint256 uid, uint256 w, uint256 word) external {
        _subnets[netuid].bonds[uid][w] = word;
    }

    /// @notice Puts hyperparameters in force at once, as a subnet's creation does (the owner's changes are queued for a
    /// later epoch), so that tests of other rules need not run epochs first.
    function setHyperparametersNow(uint256 netuid, Hyperparameters calldata params) external {
        SubnetRegistration.configure(_subnets[netuid], netuid, params);
    }

    function setValidatorPermits(uint256 netuid, uint256 permits) external {
        _subnets[netuid].validatorPermits = permits;
    }

    /// @notice Credits the emission of the UID of `hotkey` as the epoch's last pass does, taking it from the reward
    /// pool: its coldkey's part accrues with the UID's metagraph word, the rest goes to the hotkey's stakers.
    function creditEmission(uint256 netuid, address hotkey, uint256 server, uint256 validator) external {
        SubnetsHarnessOps.creditEmission(_subnets[netuid], hotkey, server, validator);
    }
}
