/**
 * "Pagamento spontaneo" at the counter (issue 15): from the cart, find a catalogue service, fill in
 * the form made from its XSD, and the notice its creditor issues goes into the same cart, verified
 * like a scanned one. Search and form keep what was typed while the operator goes back and forth;
 * Esc on the search returns to the cart, which is never touched here.
 */
import { useState } from 'react';
import type { CatalogueEntry } from '../../../main/contract/catalogue-calls';
import type { ServiceForm } from '../../../main/contract/service-form';
import type { ContractError } from '../../../main/contract/result';
import { useClient } from '../../app/ClientProvider';
import { Message } from '../../app/components/Message';
import { Spinner } from '../../app/components/Spinner';
import { useI18n } from '../../app/i18n/I18nProvider';
import { describeError } from '../../app/messages';
import type { Payment } from '../payment/usePayment';
import { ServiceFormStep } from './ServiceFormStep';
import { EMPTY_QUERY, ServiceSearch } from './ServiceSearch';
import type { SearchQuery } from './ServiceSearch';
import './service.css';

export function ServicePath(props: { payment: Payment; onClose: () => void }) {
  const { t, has } = useI18n();
  const client = useClient();
  const [query, setQuery] = useState<SearchQuery>(EMPTY_QUERY);
  const [activeId, setActiveId] = useState<string | null>(null);
  const [open, setOpen] = useState<{ entry: CatalogueEntry; form: ServiceForm } | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<ContractError | null>(null);

  const choose = (entry: CatalogueEntry) => {
    if (loading) return;
    setActiveId(entry.idSoggettoServizio);
    setLoading(true);
    setError(null);
    void client.call('catalogue.form', { idSoggettoServizio: entry.idSoggettoServizio }).then((r) => {
      setLoading(false);
      if (r.ok) setOpen(r.value);
      else setError(r.error);
    });
  };

  if (open)
    return (
      <ServiceFormStep
        key={open.entry.idSoggettoServizio}
        payment={props.payment}
        entry={open.entry}
        form={open.form}
        onBack={() => {
          props.payment.clearError();
          setOpen(null);
        }}
        onAdded={props.onClose}
      />
    );
  return (
    <>
      {error && (
        <Message tone="error" testId="service-form-error">
          {describeError(error, t, has)}
        </Message>
      )}
      {loading && <Spinner label={t('counter:service.search.opening')} />}
      <ServiceSearch query={query} onQuery={setQuery} activeId={activeId} onActive={setActiveId} onChoose={choose} onBack={props.onClose} />
    </>
  );
}
