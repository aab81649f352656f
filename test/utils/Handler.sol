// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Vm} from "./Vm.sol";

/// @title Handler
/// @notice Base of the invariant handlers: the contracts whose functions the invariant runner calls in random
/// sequences. A handler makes every action whether or not its own model of the rules expects it to succeed, and
/// counts each outcome other than the expected one in {surprises} (the first one described in {firstSurprise}),
/// which an invariant of its test keeps at zero.
abstract contract Handler {
    /// @notice The cheatcodes.
    Vm internal constant vm = Vm(address(uint160(uint256(keccak256("hevm cheat code")))));

    /// @notice How many outcomes differed from the handler's model.
    uint256 public surprises;
    /// @notice What the first of them was.
    string public firstSurprise;

    /// @dev Counts an outcome the model did not expect, described by `what`.
    function _surprise(string memory what) internal {
        if (surprises == 0) firstSurprise = what;
        ++surprises;
    }

    /// @dev `x` mapped into `[min, max]`.
    function _bound(uint256 x, uint256 min, uint256 max) internal pure returns (uint256) {
        return min + x % (max - min + 1);
    }
}
