// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IVotes} from "@openzeppelin/contracts/governance/utils/IVotes.sol";
import {Clones} from "@openzeppelin/contracts/proxy/Clones.sol";
import {VestingWalletCliffUpgradeable} from
    "@openzeppelin/contracts-upgradeable/finance/VestingWalletCliffUpgradeable.sol";

/// @title ModelVestingWallet
/// @notice A team member's allocation: OpenZeppelin's VestingWalletCliff (nothing before the cliff, then linear
/// release until the end), deployed as an ERC-1167 clone per beneficiary. The beneficiary may delegate the
/// votes of the tokens still locked here, so a team votes with its stake without being able to sell it early.
/// @dev The schedule is fixed, so it is carried in the clone's code as one immutable argument word instead of
/// two storage words: {start}, {duration} and {cliff} read it there, and OpenZeppelin's release logic uses
/// them unchanged. Only the beneficiary (the transferable owner) is stored. The word's layout:
///
///   bit 255   192 191        128 127          64 63         0
///       [ unused ] [ start (64) ] [ duration (64) ] [ cliff (64) ]
contract ModelVestingWallet is VestingWalletCliffUpgradeable {
    /// @dev The implementation is never used directly: clones are.
    constructor() {
        _disableInitializers();
    }

    /// @notice Sets the beneficiary; callable once. The clone's argument is the schedule word
    /// {VestingSchedule-pack} makes, with the cliff at most the duration.
    function initialize(address beneficiary) external initializer {
        __Ownable_init(beneficiary);
        (, uint64 duration_, uint64 cliff_) = _schedule();
        if (cliff_ > duration_) revert InvalidCliffDuration(cliff_, duration_);
    }

    /// @notice Delegates the votes of `token` held here to `delegatee`. Beneficiary only.
    function delegate(IVotes token, address delegatee) external onlyOwner {
        token.delegate(delegatee);
    }

    /// @notice When vesting starts (unix seconds).
    function start() public view override returns (uint256 start_) {
        (start_,,) = _schedule();
    }

    /// @notice Seconds from start until everything is released.
    function duration() public view override returns (uint256 duration_) {
        (, duration_,) = _schedule();
    }

    /// @notice When the cliff ends: nothing is released before it.
    function cliff() public view override returns (uint256) {
        (uint64 start_,, uint64 cliff_) = _schedule();
        return uint256(start_) + cliff_;
    }

    function _schedule() private view returns (uint64 start_, uint64 duration_, uint64 cliff_) {
        return VestingSchedule.unpack(Clones.fetchCloneArgs(address(this)));
    }
}

/// @title VestingSchedule
/// @notice Packs and unpacks a {ModelVestingWallet}'s schedule word (layout in the contract's notes).
library VestingSchedule {
    /// @notice The clone argument for a schedule: start (unix seconds), duration and cliff (seconds).
    function pack(uint64 start, uint64 duration, uint64 cliff) internal pure returns (bytes memory) {
        return abi.encode((uint256(start) << 128) | (uint256(duration) << 64) | cliff);
    }

    /// @notice The schedule in a clone argument made by {pack}.
    function unpack(bytes memory args) internal pure returns (uint64 start, uint64 duration, uint64 cliff) {
        uint256 word = abi.decode(args, (uint256));
        return (uint64(word >> 128), uint64(word >> 64), uint64(word));
    }
}
