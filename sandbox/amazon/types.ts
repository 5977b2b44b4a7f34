/**
 * The shapes of Amazon's vendorOrders model that the simulator reads and writes, written by hand
 * from vendorOrders.json (independent of the package's generated types, on purpose: the simulator
 * is a second, separate reading of the model).
 */

export interface AmazonError {
	code: string;
	message: string;
	details?: string;
}

export type UnitOfMeasure = 'Cases' | 'Eaches';

export interface ItemQuantity {
	amount?: number;
	unitOfMeasure?: UnitOfMeasure;
	unitSize?: number;
}

export interface Money {
	currencyCode?: string;
	/** Decimal as a string. */
	amount?: string;
	unitOfMeasure?: 'POUNDS' | 'OUNCES' | 'GRAMS' | 'KILOGRAMS';
}

export interface PartyIdentification {
	partyId: string;
	address?: Record<string, unknown>;
	taxInfo?: Record<string, unknown>;
}

export interface OrderItem {
	itemSequenceNumber: string;
	amazonProductIdentifier?: string;
	vendorProductIdentifier?: string;
	orderedQuantity: ItemQuantity;
	isBackOrderAllowed: boolean;
	netCost?: Money;
	listPrice?: Money;
}

export type PurchaseOrderState = 'New' | 'Acknowledged' | 'Closed';

export interface OrderDetails {
	purchaseOrderDate: string;
	purchaseOrderChangedDate?: string;
	purchaseOrderStateChangedDate: string;
	purchaseOrderType?: string;
	importDetails?: Record<string, unknown>;
	dealCode?: string;
	paymentMethod?: string;
	buyingParty?: PartyIdentification;
	sellingParty?: PartyIdentification;
	shipToParty?: PartyIdentification;
	billToParty?: PartyIdentification;
	shipWindow?: string;
	deliveryWindow?: string;
	items: OrderItem[];
}

export interface Order {
	purchaseOrderNumber: string;
	purchaseOrderState: PurchaseOrderState;
	orderDetails?: OrderDetails;
}

export type AcknowledgementCode = 'Accepted' | 'Backordered' | 'Rejected';

export interface OrderItemAcknowledgement {
	acknowledgementCode: AcknowledgementCode;
	acknowledgedQuantity: ItemQuantity;
	scheduledShipDate?: string;
	scheduledDeliveryDate?: string;
	rejectionReason?: 'TemporarilyUnavailable' | 'InvalidProductIdentifier' | 'ObsoleteProduct';
}

export interface OrderAcknowledgementItem {
	itemSequenceNumber?: string;
	amazonProductIdentifier?: string;
	vendorProductIdentifier?: string;
	orderedQuantity: ItemQuantity;
	netCost?: Money;
	listPrice?: Money;
	discountMultiplier?: string;
	itemAcknowledgements: OrderItemAcknowledgement[];
}

export interface OrderAcknowledgement {
	purchaseOrderNumber: string;
	sellingParty: PartyIdentification;
	acknowledgementDate: string;
	items: OrderAcknowledgementItem[];
}

export interface SubmitAcknowledgementRequest {
	acknowledgements?: OrderAcknowledgement[];
}

export type ConfirmationStatus = 'ACCEPTED' | 'PARTIALLY_ACCEPTED' | 'REJECTED' | 'UNCONFIRMED';
export type ReceiveStatus = 'NOT_RECEIVED' | 'PARTIALLY_RECEIVED' | 'RECEIVED';

export interface OrderedQuantityDetails {
	updatedDate: string;
	orderedQuantity?: ItemQuantity;
	cancelledQuantity?: ItemQuantity;
}

export interface AcknowledgementStatusDetails {
	acknowledgementDate?: string;
	acceptedQuantity?: ItemQuantity;
	rejectedQuantity?: ItemQuantity;
}

export interface OrderItemStatus {
	itemSequenceNumber: string;
	buyerProductIdentifier?: string;
	vendorProductIdentifier?: string;
	netCost?: Money;
	listPrice?: Money;
	orderedQuantity?: {
		orderedQuantity?: ItemQuantity;
		orderedQuantityDetails?: OrderedQuantityDetails[];
	};
	acknowledgementStatus?: {
		confirmationStatus?: ConfirmationStatus;
		acceptedQuantity?: ItemQuantity;
		rejectedQuantity?: ItemQuantity;
		acknowledgementStatusDetails?: AcknowledgementStatusDetails[];
	};
	receivingStatus?: {
		receiveStatus?: ReceiveStatus;
		receivedQuantity?: ItemQuantity;
		lastReceiveDate?: string;
	};
}

export interface OrderStatus {
	purchaseOrderNumber: string;
	purchaseOrderStatus: 'OPEN' | 'CLOSED';
	purchaseOrderDate: string;
	lastUpdatedDate?: string;
	sellingParty: PartyIdentification;
	shipToParty: PartyIdentification;
	itemStatus: OrderItemStatus[];
}
