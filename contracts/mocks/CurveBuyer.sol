// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

// solhint-disable no-complex-fallback, gas-custom-errors

import {IBondingCurve} from "../interfaces/IBondingCurve.sol";

/// @notice Test double: a contract that buys from a bonding curve and, when a refund arrives, either refuses it (so the
/// curve must credit it) or tries to call back into the curve with `reentry` (which must fail).
contract CurveBuyer {
    IBondingCurve public immutable curve;
    bool public rejects;
    bytes public reentry;
    /// @notice Whether the last call back into the curve succeeded, and its revert data if not.
    bool public reentered;
    bytes public reentryError;

    constructor(IBondingCurve curve_) {
        curve = curve_;
    }

    function setRejects(bool rejects_) external {
        rejects = rejects_;
    }

    function setReentry(bytes calldata reentry_) external {
        reentry = reentry_;
    }

    function buy(uint256 quoteIn, uint256 minTokensOut) external payable returns (uint256) {
        return curve.buy{value: msg.value}(quoteIn, minTokensOut, type(uint256).max);
    }

    function withdraw(address to) external {
        curve.withdraw(to);
    }

    receive() external payable {
        if (rejects) revert("no ETH");
        if (reentry.length != 0) {
            // solhint-disable-next-line avoid-low-level-calls
            (bool ok, bytes memory data) = address(curve).call(reentry);
            reentered = ok;
            reentryError = data;
        }
    }
}
