/** The first steps: the language, then the notice (scanned, or typed on the keypad). */
import { useI18n } from '../../app/i18n/I18nProvider';
import { CATALOGS } from '../../app/i18n/catalog';
import { LANGS, makeTranslate } from '../../app/i18n/translate';
import type { Lang } from '../../app/i18n/translate';
import { useScans } from '../../app/scanner';
import { groupDigits } from '../digits';
import { Keypad } from '../Keypad';
import { KioskButton, KioskScreen } from '../KioskScreen';
import { CREDITOR_DIGITS, NOTICE_DIGITS } from '../steps';
import type { Problem, ReceiptWay } from '../steps';
import { KioskActions } from './KioskActions';
import { ProblemText } from './ProblemText';

/** Every language speaks for itself here: the citizen has not chosen yet. */
const inEach = (key: string) => LANGS.map((l) => ({ lang: l, text: makeTranslate(CATALOGS, l)(key) }));

/**
 * The first screen: the language, or a scan that starts at once in the terminal's language. Without
 * a working printer it says so first: out of service (no way to start), or no paper receipt today.
 */
export function LanguageScreen(props: { way: ReceiptWay; onChoose: (lang: Lang) => void; onScan: (text: string) => void }) {
  const { t } = useI18n();
  const outOfService = props.way === 'out-of-service';
  useScans((scan) => {
    if (!outOfService) props.onScan(scan.text);
  });
  if (outOfService) return <OutOfServiceScreen />;
  const titles = inEach('kiosk:language.title');
  return (
    <KioskScreen
      title={titles.map((x, i) => (
        <span key={x.lang} lang={x.lang}>
          {i > 0 ? ' · ' : ''}
          {x.text}
        </span>
      ))}
      testId="language"
    >
      <ul className="kiosk-welcome">
        {inEach('kiosk:language.prompt').map((x) => (
          <li key={x.lang} lang={x.lang}>
            {x.text}
          </li>
        ))}
      </ul>
      {props.way === 'qr' && (
        <ul className="kiosk-note kiosk-welcome" data-testid="no-paper-receipt">
          {inEach('kiosk:noPrinter.welcome').map((x) => (
            <li key={x.lang} lang={x.lang}>
              {x.text}
            </li>
          ))}
        </ul>
      )}
      <div
        className="kiosk-languages"
        role="group"
        aria-label={inEach('kiosk:language.group')
          .map((x) => x.text)
          .join(' / ')}
      >
        {LANGS.map((l) => (
          <KioskButton key={l} primary onClick={() => props.onChoose(l)} testId={`lang-${l}`} lang={l}>
            {t(`app:language.name.${l}`)}
          </KioskButton>
        ))}
      </div>
    </KioskScreen>
  );
}

/** No working printer and the technician chose to stop: the kiosk says why, in each language, and takes nothing. */
function OutOfServiceScreen() {
  const titles = inEach('kiosk:outOfService.title');
  return (
    <KioskScreen
      title={titles.map((x, i) => (
        <span key={x.lang} lang={x.lang}>
          {i > 0 ? ' · ' : ''}
          {x.text}
        </span>
      ))}
      testId="out-of-service"
    >
      {/* The live region wraps the list: a role on the <ul> itself would orphan its items (axe: listitem). */}
      <div role="status">
        <ul className="kiosk-welcome">
          {inEach('kiosk:outOfService.text').map((x) => (
            <li key={x.lang} lang={x.lang} data-testid={`out-of-service-${x.lang}`}>
              {x.text}
            </li>
          ))}
        </ul>
      </div>
    </KioskScreen>
  );
}

export function ScanScreen(props: {
  problem: Problem | null;
  onScan: (text: string) => void;
  onType: () => void;
  onBack: () => void;
  /** A spontaneous payment (a service the technician enabled, e.g. the car tax); absent when none is. */
  onServices?: (() => void) | undefined;
}) {
  const { t } = useI18n();
  useScans((scan) => props.onScan(scan.text));
  return (
    <KioskScreen
      title={t('kiosk:scan.title')}
      testId="scan"
      actions={
        <KioskActions
          actions={[
            { testId: 'back', label: t('kiosk:action.back'), run: props.onBack },
            { testId: 'type-notice', label: t('kiosk:scan.type'), run: props.onType, primary: true },
          ]}
        />
      }
    >
      {props.problem && <ProblemText problem={props.problem} />}
      <p className="kiosk-lead">{t('kiosk:scan.prompt')}</p>
      <p className="kiosk-hint">{t('kiosk:scan.where')}</p>
      {props.onServices && (
        <div className="kiosk-alternative">
          <p className="kiosk-lead">{t('kiosk:scan.noNotice')}</p>
          <KioskButton primary onClick={props.onServices} testId="pay-service">
            {t('kiosk:scan.service')}
          </KioskButton>
        </div>
      )}
    </KioskScreen>
  );
}

/** The notice number (18 digits) or the creditor's fiscal code (11 digits), on the keypad. */
export function TypeScreen(props: {
  what: 'notice' | 'creditor';
  digits: string;
  onDigits: (digits: string) => void;
  onNext: () => void;
  onBack: () => void;
}) {
  const { t } = useI18n();
  const length = props.what === 'notice' ? NOTICE_DIGITS : CREDITOR_DIGITS;
  const full = props.digits.length >= length;
  const outputId = `kiosk-typed-${props.what}`;
  return (
    <KioskScreen
      title={t(`kiosk:type.${props.what}.title`)}
      testId={`type-${props.what}`}
      actions={
        <KioskActions
          actions={[
            { testId: 'back', label: t('kiosk:action.back'), run: props.onBack },
            { testId: 'next', label: t('kiosk:action.next'), run: props.onNext, primary: true, disabled: !full },
          ]}
        />
      }
    >
      <p className="kiosk-hint" id={`${outputId}-hint`}>
        {t(`kiosk:type.${props.what}.hint`, { count: length })}
      </p>
      <div className="kiosk-typed">
        <span className="kiosk-typed-label" id={`${outputId}-label`}>
          {t(`kiosk:type.${props.what}.label`)}
        </span>
        <output id={outputId} aria-labelledby={`${outputId}-label`} aria-live="polite" data-testid="typed" className="kiosk-typed-value">
          {props.digits.length === 0 ? t('kiosk:type.empty') : groupDigits(props.digits, props.what === 'notice' ? 4 : 11)}
        </output>
        <span className="kiosk-typed-count" aria-hidden="true">
          {t('kiosk:type.count', { typed: props.digits.length, count: length })}
        </span>
      </div>
      <Keypad
        full={full}
        empty={props.digits.length === 0}
        onDigit={(d) => props.onDigits((props.digits + d).slice(0, length))}
        onDelete={() => props.onDigits(props.digits.slice(0, -1))}
        onClear={() => props.onDigits('')}
      />
    </KioskScreen>
  );
}
