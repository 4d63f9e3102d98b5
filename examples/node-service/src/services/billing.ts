// Billing events: the service keeps its Customer.io client on `this`.
import { SendEmailRequest, TrackClient } from "customerio-node";
import { addDays, getUnixTime } from "date-fns";

import { cio, transactional } from "../customerio";

interface Invoice {
  id: string;
  customerId: string;
  total: number;
  paidAt: Date;
}

export class BillingService {
  private readonly trialDays = 14;

  constructor(private readonly tracker: TrackClient) {}

  async trialStarted(customerId: string) {
    const trialEndsAt = addDays(new Date(), this.trialDays);
    // Wrong: a Date is sent as an ISO string.
    await this.tracker.identify(customerId, { trial_ends_at: trialEndsAt });
    // Right: Unix seconds.
    await this.tracker.identify(customerId, { trial_started_at: getUnixTime(new Date()) });
  }

  async invoicePaid(invoice: Invoice) {
    await this.tracker.track(invoice.customerId, {
      name: "invoice_paid",
      data: { invoice_id: invoice.id, total: invoice.total },
      // Wrong: getTime() is milliseconds.
      timestamp: invoice.paidAt.getTime(),
    });
  }

  async paymentFailed(invoice: Invoice) {
    await this.tracker.track(invoice.customerId, {
      name: "payment_failed",
      // Wrong: an ISO-8601 string.
      timestamp: new Date().toISOString(),
    });
  }

  async sendReceipt(invoice: Invoice, email: string) {
    const request = new SendEmailRequest({
      to: email,
      identifiers: { id: invoice.customerId },
      transactional_message_id: "receipt",
      message_data: { total: invoice.total },
      // Right: Unix seconds, one hour from now.
      send_at: Math.floor(Date.now() / 1000) + 3600,
    });
    await transactional.sendEmail(request);
  }

  async sendInvoice(invoice: Invoice, email: string, pdf: string) {
    const request = new SendEmailRequest({
      to: email,
      identifiers: { id: invoice.customerId },
      transactional_message_id: "invoice",
      // Wrong: customerio-node 5.x drops attachments given to the constructor.
      attachments: { "invoice.pdf": pdf },
    });
    await transactional.sendEmail(request);
  }
}

export const billing = new BillingService(cio);
