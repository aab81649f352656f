// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IModelOffering} from "../interfaces/IModelOffering.sol";

/// @title OfferingArgs
/// @notice Encodes a sale's {IModelOffering-Config} as the clone arguments of its {ModelOffering}, in ten
/// words instead of eighteen: every byte of a clone's code costs 200 gas at launch. Words 5 to 8 are packed
/// (amounts fit 128 bits: a token's supply is below 2^96, and the launch checks the price):
///
///   word 5: bit 255               128 127                 0
///               [ pool tokens (128) ] [ tokensForSale (128) ]
///
///   word 6: bit 255    176 175           160 159              128 127         0
///               [ unused ] [ pool bps (16) ] [ pool lock (32) ] [ price (128) ]
///
///   word 7: bit 255         128 127          0
///               [ softCap (128) ] [ hardCap (128) ]
///
///   word 8: bit 255           128 127       88 87      48 47          32 31       0
///               [ walletCap (128) ] [ start (40) ] [ end (40) ] [ fee bps (16) ] [ unused ]
library OfferingArgs {
    /// @dev The ten words, in order.
    struct Packed {
        address token;
        address treasury;
        address admin;
        address feeRecipient;
        address paymentToken;
        uint256 tokensForSale;
        uint256 price;
        uint256 caps;
        uint256 capAndWindow;
        bytes32 merkleRoot;
    }

    /// @notice The clone arguments for `c`.
    function encode(IModelOffering.Config memory c) internal pure returns (bytes memory) {
        IModelOffering.SaleParams memory s = c.sale;
        return abi.encode(
            Packed({
                token: c.token,
                treasury: c.treasury,
                admin: c.admin,
                feeRecipient: c.fee.recipient,
                paymentToken: s.paymentToken,
                tokensForSale: (c.pool.tokens << 128) | s.tokensForSale,
                price: (uint256(c.pool.proceedsBps) << 160) | (uint256(c.pool.lockDuration) << 128) | s.price,
                caps: (uint256(s.softCap) << 128) | s.hardCap,
                capAndWindow: (uint256(s.walletCap) << 128) | (uint256(s.start) << 88) | (uint256(s.end) << 48)
                    | (uint256(c.fee.bps) << 32),
                merkleRoot: s.merkleRoot
            })
        );
    }

    /// @notice The config encoded in `args` by {encode}, without its pool terms ({decodePool}).
    function decode(bytes memory args) internal pure returns (IModelOffering.Config memory c) {
        Packed memory p = abi.decode(args, (Packed));
        c.token = p.token;
        c.treasury = p.treasury;
        c.admin = p.admin;
        c.fee = IModelOffering.Fee({recipient: p.feeRecipient, bps: uint16(p.capAndWindow >> 32)});
        c.sale = IModelOffering.SaleParams({
            paymentToken: p.paymentToken,
            tokensForSale: uint128(p.tokensForSale),
            price: uint128(p.price),
            softCap: uint128(p.caps >> 128),
            hardCap: uint128(p.caps),
            walletCap: uint128(p.capAndWindow >> 128),
            merkleRoot: p.merkleRoot,
            start: uint40(p.capAndWindow >> 88),
            end: uint40(p.capAndWindow >> 48)
        });
    }

    /// @notice The pool terms encoded in `args` by {encode} ({decode} leaves them out: only a sale's finalisation and
    /// cancellation read them).
    function decodePool(bytes memory args) internal pure returns (IModelOffering.PoolTerms memory) {
        uint256 tokens;
        uint256 price;
        // Words 5 and 6 of the ten, after the length word.
        assembly ("memory-safe") {
            tokens := mload(add(args, 0xc0))
            price := mload(add(args, 0xe0))
        }
        return IModelOffering.PoolTerms({
            tokens: tokens >> 128,
            proceedsBps: uint16(price >> 160),
            lockDuration: uint32(price >> 128)
        });
    }
}
