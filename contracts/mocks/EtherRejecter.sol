// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IModelOffering} from "../interfaces/IModelOffering.sol";
import {SaleDepositor} from "./SaleDepositor.sol";

/// @notice Test double: a depositor contract that refuses every ETH transfer to it, so its refund must be
/// claimed to another address.
contract EtherRejecter is SaleDepositor {
    error EtherRejected();

    constructor(IModelOffering offering_) SaleDepositor(offering_) {}

    receive() external payable {
        revert EtherRejected();
    }
}
