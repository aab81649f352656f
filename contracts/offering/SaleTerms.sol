// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

import {IModelOffering} from "../interfaces/IModelOffering.sol";

/// @title SaleTerms
/// @notice The rules a sale's terms must follow, checked once at launch: the terms are then fixed forever.
library SaleTerms {
    /// @dev Payment units per whole token are quoted for 10**18 token units.
    uint256 internal constant ONE_TOKEN = 1e18;

    /// @notice Reverts with an {IModelOffering} error naming the first rule `p` breaks.
    function check(IModelOffering.SaleParams calldata p) internal view {
        if (p.start < block.timestamp || p.end <= p.start) {
            revert IModelOffering.OfferingInvalidWindow(p.start, p.end, block.timestamp);
        }
        if (p.softCap == 0 || p.softCap > p.hardCap) revert IModelOffering.OfferingInvalidCaps(p.softCap, p.hardCap);
        if (p.price == 0) revert IModelOffering.OfferingInvalidPrice();
        // The sale's code carries the price in 128 bits ({OfferingArgs}).
        if (p.price > type(uint128).max) revert IModelOffering.OfferingPriceTooHigh(p.price);
        uint256 maxRaise = Math.mulDiv(p.tokensForSale, p.price, ONE_TOKEN);
        if (p.hardCap > maxRaise) revert IModelOffering.OfferingHardCapAboveSupply(p.hardCap, maxRaise);
    }
}
