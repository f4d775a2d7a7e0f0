/**
 * Every word of the customer proposal in the languages it can be written in (`--lang` on the
 * command line, the language choice in the Documents panel). The other documents stay in English:
 * they go to the MSP and to the vendor's own staff (docs/decisions/028-customer-language.md).
 *
 * Numbers, amounts and dates are not here: they come from `documentFormat(currency, locale)`
 * (Intl in the language's locale). Names from the price table (bundles, bandwidths, apps) are
 * product names and print as the table writes them.
 *
 * Polish month names from Intl are in the nominative ("styczeń 2027"), which does not follow
 * "od"/"do"; the Polish texts put periods after a colon or in a range ("styczeń 2027 – grudzień
 * 2029") so every sentence stays grammatical.
 */

export const DOCUMENT_LANGUAGES = ['en', 'de', 'fr', 'es', 'pl'] as const;
export type DocumentLanguage = (typeof DOCUMENT_LANGUAGES)[number];

/** The Intl locale of each language: the country whose conventions a reader most expects. */
export const LANGUAGE_LOCALES: Record<DocumentLanguage, string> = {
  en: 'en-US',
  de: 'de-DE',
  fr: 'fr-FR',
  es: 'es-ES',
  pl: 'pl-PL',
};

/** The languages' own names, for the app's choice. */
export const LANGUAGE_NAMES: Record<DocumentLanguage, string> = {
  en: 'English',
  de: 'Deutsch',
  fr: 'Français',
  es: 'Español',
  pl: 'Polski',
};

export function isDocumentLanguage(value: unknown): value is DocumentLanguage {
  return typeof value === 'string' && (DOCUMENT_LANGUAGES as readonly string[]).includes(value);
}

export interface CustomerLabels {
  readonly kind: string;
  readonly title: string;
  subtitle(customer: string): string;
  headerTitle(customer: string): string;
  readonly yourProvider: string;
  // cover
  readonly preparedFor: string;
  readonly preparedBy: string;
  readonly date: string;
  readonly proposalNumber: string;
  readonly validUntil: string;
  /** The cover row that replaces "Valid until" when the prices are indicative. */
  readonly prices: string;
  readonly indicativeShort: string;
  // the service
  readonly yourService: string;
  intro(brand: string, customer: string, from: string, to: string): string;
  readonly servicePackage: string;
  readonly included: string;
  readonly bandwidth: string;
  readonly virtualServices: string;
  readonly quantity: string;
  quantityValue(n: string): string;
  readonly term: string;
  readonly billing: string;
  readonly apps: string;
  appsItem(count: number, countText: string, bundle: string, users: string): string;
  termRenewing(months: number, from: string): string;
  termFixed(months: number, from: string, to: string): string;
  termPaygConverting(from: string, at: string, months: number): string;
  termPaygOpen(from: string, to: string | null): string;
  readonly billingFixedSell: string;
  readonly billingFixedTerm: string;
  billingPayg(hours: string, thenFixed: boolean): string;
  readonly hoursSeasonal: string;
  hoursFlat(n: string): string;
  // prices
  readonly pricesHeading: string;
  readonly period: string;
  readonly months: string;
  readonly monthlyCharge: string;
  monthlyChargeAll(n: string): string;
  readonly amount: string;
  oneOffSetup(apps: string): string;
  readonly oneOffServiceFee: string;
  readonly total: string;
  readonly paygNote: string;
  readonly totalForPeriod: string;
  readonly oneOffCharges: string;
  readonly recurringCharges: string;
  readonly monthlyLastMonth: string;
  readonly chartTitle: string;
  // the commitment
  readonly commitment: string;
  commitmentIntro(months: number): string;
  commitmentTerm(months: number, from: string, to: string): string;
  monthlyPerUnit(n: string): string;
  readonly termTotal: string;
  pastPlan(months: number, to: string, end: string): string;
  renews(months: number): string;
  // the invoice schedule
  readonly invoiceSchedule: string;
  /** How the line is invoiced: `monthly`, `annual` or `upfront` (PRICING.md §8). */
  invoicedHow(mode: 'monthly' | 'annual' | 'upfront'): string;
  readonly oneOffInvoiced: string;
  /** When each invoice is due: `delay` months (0 to 3) after it is issued. */
  invoiceDue(delay: number): string;
  readonly invoiceMonth: string;
  readonly periodCovered: string;
  readonly invoices: string;
  readonly perInvoice: string;
  readonly due: string;
  /** The period a monthly invoice covers when rows group several: its own month. */
  readonly ownMonth: string;
  scheduleUntil(end: string): string;
  // terms
  readonly terms: string;
  readonly currency: string;
  currencyText(name: string, code: string): string;
  validUntilText(date: string): string;
  readonly indicativeText: string;
  readonly priceReference: string;
  pageOf(page: number, pages: number): string;
}

const plural = (locale: string) => {
  const rules = new Intl.PluralRules(locale);
  return (n: number, forms: Partial<Record<Intl.LDMLPluralRule, string>> & { other: string }) =>
    forms[rules.select(n)] ?? forms.other;
};

const enPlural = plural('en-US');
const en: CustomerLabels = {
  kind: 'Proposal',
  title: 'Service proposal',
  subtitle: (c) => `for ${c}`,
  headerTitle: (c) => `Service proposal for ${c}`,
  yourProvider: 'Your service provider',
  preparedFor: 'Prepared for',
  preparedBy: 'Prepared by',
  date: 'Date',
  proposalNumber: 'Proposal number',
  validUntil: 'Valid until',
  prices: 'Prices',
  indicativeShort: 'Indicative, to be confirmed',
  yourService: 'Your service',
  intro: (b, c, from, to) => `${b} proposes the service below for ${c}, from ${from} to ${to}.`,
  servicePackage: 'Service package',
  included: 'Included',
  bandwidth: 'Bandwidth',
  virtualServices: 'Virtual services',
  quantity: 'Quantity',
  quantityValue: (n) => `${n}, each with the service above`,
  term: 'Term',
  billing: 'Billing',
  apps: 'Apps',
  appsItem: (count, n, bundle, users) =>
    `${n} × ${bundle} ${enPlural(count, { one: 'app', other: 'apps' })}, ${users} users each`,
  termRenewing: (m, from) => `${m}-month term from ${from}, renewing automatically`,
  termFixed: (m, from, to) => `${m}-month term, ${from} to ${to}`,
  termPaygConverting: (from, at, m) =>
    `Monthly from ${from}; from ${at} a ${m}-month term, renewing automatically`,
  termPaygOpen: (from, to) =>
    `Monthly, no minimum term, from ${from}${to === null ? '' : ` to ${to}`}`,
  billingFixedSell: 'A fixed monthly charge',
  billingFixedTerm: 'A fixed monthly charge for the term',
  billingPayg: (hours, then) =>
    `Pay as you go: charged monthly for the hours the service runs (estimated below at ${hours})${then ? ', then a fixed monthly charge for the term' : ''}`,
  hoursSeasonal: 'the hours planned for each month of the year',
  hoursFlat: (n) => `${n} hours a month`,
  pricesHeading: 'Prices',
  period: 'Period',
  months: 'Months',
  monthlyCharge: 'Monthly charge',
  monthlyChargeAll: (n) => `Monthly charge (all ${n})`,
  amount: 'Amount',
  oneOffSetup: (apps) => `One-off: setup of ${apps}`,
  oneOffServiceFee: 'One-off service fee',
  total: 'Total',
  paygNote:
    'Pay-as-you-go charges follow the hours the service actually runs; the monthly amounts above are estimates from the planned hours.',
  totalForPeriod: 'Total for the period',
  oneOffCharges: 'One-off charges',
  recurringCharges: 'Recurring charges',
  monthlyLastMonth: 'Monthly charge, last month',
  chartTitle: 'Monthly charges',
  commitment: 'Your commitment',
  commitmentIntro: (m) =>
    `The service is ordered for a fixed term of ${m} months. The whole term is payable:`,
  commitmentTerm: (m, from, to) => `${m} months, ${from} to ${to}`,
  monthlyPerUnit: (n) => `Monthly charge for each of the ${n}`,
  termTotal: 'Total for the term',
  pastPlan: (m, to, end) =>
    `The term runs past the period priced above, to ${to}: the total for the term covers all ${m} months, the total for the period only the months to ${end}.`,
  renews: (m) =>
    `After the term, the service renews automatically for further terms of ${m} months.`,
  invoiceSchedule: 'Invoice schedule',
  invoicedHow: (mode) =>
    mode === 'annual'
      ? 'The service is invoiced annually in advance: each invoice covers up to 12 months of the term.'
      : mode === 'upfront'
        ? 'Each term is invoiced in full in advance, in its first month.'
        : 'The service is invoiced monthly, for the month of service.',
  oneOffInvoiced: 'One-off charges are on the first invoice.',
  invoiceDue: (d) =>
    d === 0
      ? 'Each invoice is due in the month it is issued.'
      : `Each invoice is due ${enPlural(d, { one: 'one month', other: `${d} months` })} after it is issued.`,
  invoiceMonth: 'Invoice month',
  periodCovered: 'Period covered',
  invoices: 'Invoices',
  perInvoice: 'Per invoice',
  due: 'Due',
  ownMonth: 'Its own month',
  scheduleUntil: (end) =>
    `The schedule covers the plan up to ${end}; the service after that is invoiced on the same terms.`,
  terms: 'Terms',
  currency: 'Currency',
  currencyText: (name, code) => `All prices are in ${code} (${name}).`,
  validUntilText: (d) => `This proposal is valid until ${d}.`,
  indicativeText:
    'The prices in this proposal are indicative and must be confirmed before an order is placed.',
  priceReference: 'Price reference',
  pageOf: (i, n) => `Page ${i} of ${n}`,
};

const de: CustomerLabels = {
  kind: 'Angebot',
  title: 'Leistungsangebot',
  subtitle: (c) => `für ${c}`,
  headerTitle: (c) => `Leistungsangebot für ${c}`,
  yourProvider: 'Ihr Dienstleister',
  preparedFor: 'Erstellt für',
  preparedBy: 'Erstellt von',
  date: 'Datum',
  proposalNumber: 'Angebotsnummer',
  validUntil: 'Gültig bis',
  prices: 'Preise',
  indicativeShort: 'Unverbindlich, noch zu bestätigen',
  yourService: 'Ihre Leistung',
  intro: (b, c, from, to) =>
    `${b} bietet ${c} die folgende Leistung an, im Zeitraum ${from} bis ${to}.`,
  servicePackage: 'Leistungspaket',
  included: 'Enthalten',
  bandwidth: 'Bandbreite',
  virtualServices: 'Virtuelle Dienste',
  quantity: 'Anzahl',
  quantityValue: (n) => `${n}, jeweils mit der oben beschriebenen Leistung`,
  term: 'Laufzeit',
  billing: 'Abrechnung',
  apps: 'Apps',
  appsItem: (count, n, bundle, users) =>
    `${n} × ${count === 1 ? 'App' : 'Apps'} „${bundle}“, je ${users} Nutzer`,
  termRenewing: (m, from) => `${m} Monate ab ${from}, verlängert sich automatisch`,
  termFixed: (m, from, to) => `${m} Monate, ${from} bis ${to}`,
  termPaygConverting: (from, at, m) =>
    `Monatlich ab ${from}; ab ${at} feste Laufzeit von ${m} Monaten, verlängert sich automatisch`,
  termPaygOpen: (from, to) =>
    `Monatlich, ohne Mindestlaufzeit, ab ${from}${to === null ? '' : ` bis ${to}`}`,
  billingFixedSell: 'Feste monatliche Gebühr',
  billingFixedTerm: 'Feste monatliche Gebühr für die gesamte Laufzeit',
  billingPayg: (hours, then) =>
    `Nutzungsabhängig: monatliche Abrechnung der Betriebsstunden (unten geschätzt mit ${hours})${then ? ', danach eine feste monatliche Gebühr für die Laufzeit' : ''}`,
  hoursSeasonal: 'den für jeden Monat des Jahres geplanten Stunden',
  hoursFlat: (n) => `${n} Stunden pro Monat`,
  pricesHeading: 'Preise',
  period: 'Zeitraum',
  months: 'Monate',
  monthlyCharge: 'Monatliche Gebühr',
  monthlyChargeAll: (n) => `Monatliche Gebühr (alle ${n})`,
  amount: 'Betrag',
  oneOffSetup: (apps) => `Einmalig: Einrichtung von ${apps}`,
  oneOffServiceFee: 'Einmalige Servicegebühr',
  total: 'Summe',
  paygNote:
    'Nutzungsabhängige Gebühren richten sich nach den tatsächlichen Betriebsstunden; die monatlichen Beträge oben sind Schätzungen auf Basis der geplanten Stunden.',
  totalForPeriod: 'Summe im Zeitraum',
  oneOffCharges: 'Einmalige Gebühren',
  recurringCharges: 'Laufende Gebühren',
  monthlyLastMonth: 'Monatliche Gebühr im letzten Monat',
  chartTitle: 'Monatliche Gebühren',
  commitment: 'Ihre Vertragsbindung',
  commitmentIntro: (m) =>
    `Die Leistung wird für eine feste Laufzeit von ${m} Monaten bestellt. Die gesamte Laufzeit ist zu zahlen:`,
  commitmentTerm: (m, from, to) => `${m} Monate, ${from} bis ${to}`,
  monthlyPerUnit: (n) => `Monatliche Gebühr je Einheit (${n} Einheiten)`,
  termTotal: 'Summe über die Laufzeit',
  pastPlan: (m, to, end) =>
    `Die Laufzeit reicht über den oben berechneten Zeitraum hinaus, bis ${to}: Die Summe über die Laufzeit umfasst alle ${m} Monate, die Summe im Zeitraum nur die Monate bis ${end}.`,
  renews: (m) => `Nach Ablauf verlängert sich die Leistung automatisch um jeweils ${m} Monate.`,
  invoiceSchedule: 'Rechnungsplan',
  invoicedHow: (mode) =>
    mode === 'annual'
      ? 'Die Leistung wird jährlich im Voraus berechnet: Jede Rechnung umfasst bis zu 12 Monate der Laufzeit.'
      : mode === 'upfront'
        ? 'Jede Laufzeit wird vollständig im Voraus berechnet, in ihrem ersten Monat.'
        : 'Die Leistung wird monatlich für den jeweiligen Leistungsmonat berechnet.',
  oneOffInvoiced: 'Einmalige Entgelte stehen auf der ersten Rechnung.',
  invoiceDue: (d) =>
    d === 0
      ? 'Jede Rechnung ist im Monat ihrer Ausstellung fällig.'
      : `Jede Rechnung ist ${d === 1 ? 'einen Monat' : `${d} Monate`} nach Ausstellung fällig.`,
  invoiceMonth: 'Rechnungsmonat',
  periodCovered: 'Leistungszeitraum',
  invoices: 'Rechnungen',
  perInvoice: 'Je Rechnung',
  due: 'Fällig',
  ownMonth: 'Jeweils der Rechnungsmonat',
  scheduleUntil: (end) =>
    `Der Plan umfasst die Rechnungen bis ${end}; danach wird die Leistung zu denselben Bedingungen berechnet.`,
  terms: 'Bedingungen',
  currency: 'Währung',
  currencyText: (name, code) => `Alle Preise in ${code} (${name}).`,
  validUntilText: (d) => `Dieses Angebot ist gültig bis ${d}.`,
  indicativeText:
    'Die Preise in diesem Angebot sind unverbindlich und müssen vor einer Bestellung bestätigt werden.',
  priceReference: 'Preisreferenz',
  pageOf: (i, n) => `Seite ${i} von ${n}`,
};

const frPlural = plural('fr-FR');
const fr: CustomerLabels = {
  kind: 'Proposition',
  title: 'Proposition de services',
  subtitle: (c) => `pour ${c}`,
  headerTitle: (c) => `Proposition de services pour ${c}`,
  yourProvider: 'Votre prestataire de services',
  preparedFor: 'Préparée pour',
  preparedBy: 'Préparée par',
  date: 'Date',
  proposalNumber: 'Numéro de proposition',
  validUntil: 'Valable jusqu’au',
  prices: 'Prix',
  indicativeShort: 'Indicatifs, à confirmer',
  yourService: 'Votre service',
  intro: (b, c, from, to) =>
    `${b} propose à ${c} le service décrit ci-dessous, de ${from} à ${to}.`,
  servicePackage: 'Offre de service',
  included: 'Inclus',
  bandwidth: 'Bande passante',
  virtualServices: 'Services virtuels',
  quantity: 'Quantité',
  quantityValue: (n) => `${n}, chacun avec le service ci-dessus`,
  term: 'Durée',
  billing: 'Facturation',
  apps: 'Applications',
  appsItem: (count, n, bundle, users) =>
    `${n} ${frPlural(count, { one: 'application', other: 'applications' })} ${bundle}, ${users} utilisateurs chacune`,
  termRenewing: (m, from) =>
    `Engagement de ${m} mois à partir de ${from}, renouvelé automatiquement`,
  termFixed: (m, from, to) => `Engagement de ${m} mois, de ${from} à ${to}`,
  termPaygConverting: (from, at, m) =>
    `Mensuel à partir de ${from} ; à partir de ${at}, engagement de ${m} mois renouvelé automatiquement`,
  termPaygOpen: (from, to) =>
    `Mensuel, sans durée minimale, à partir de ${from}${to === null ? '' : ` jusqu’à ${to}`}`,
  billingFixedSell: 'Un montant mensuel fixe',
  billingFixedTerm: 'Un montant mensuel fixe pendant toute la durée d’engagement',
  billingPayg: (hours, then) =>
    `À l’usage : facturé chaque mois selon les heures de fonctionnement du service (estimé ci-dessous sur la base ${hours})${then ? ', puis un montant mensuel fixe pendant la durée d’engagement' : ''}`,
  hoursSeasonal: 'des heures prévues pour chaque mois de l’année',
  hoursFlat: (n) => `de ${n} heures par mois`,
  pricesHeading: 'Prix',
  period: 'Période',
  months: 'Mois',
  monthlyCharge: 'Montant mensuel',
  monthlyChargeAll: (n) => `Montant mensuel (pour les ${n})`,
  amount: 'Montant',
  oneOffSetup: (apps) => `Frais uniques : mise en service de ${apps}`,
  oneOffServiceFee: 'Frais de service uniques',
  total: 'Total',
  paygNote:
    'Les montants à l’usage dépendent des heures réelles de fonctionnement ; les montants mensuels ci-dessus sont des estimations établies à partir des heures prévues.',
  totalForPeriod: 'Total sur la période',
  oneOffCharges: 'Frais uniques',
  recurringCharges: 'Frais récurrents',
  monthlyLastMonth: 'Montant mensuel, dernier mois',
  chartTitle: 'Montants mensuels',
  commitment: 'Votre engagement',
  commitmentIntro: (m) =>
    `Le service est souscrit pour une durée ferme de ${m} mois. La totalité de la durée est due :`,
  commitmentTerm: (m, from, to) => `${m} mois, de ${from} à ${to}`,
  monthlyPerUnit: (n) => `Montant mensuel par unité (${n} unités)`,
  termTotal: 'Total sur la durée d’engagement',
  pastPlan: (m, to, end) =>
    `L’engagement se poursuit au-delà de la période chiffrée ci-dessus, jusqu’à ${to} : le total sur la durée d’engagement couvre les ${m} mois, le total sur la période seulement les mois jusqu’à ${end}.`,
  renews: (m) => `À son terme, le service est renouvelé automatiquement par périodes de ${m} mois.`,
  invoiceSchedule: 'Échéancier de facturation',
  invoicedHow: (mode) =>
    mode === 'annual'
      ? 'Le service est facturé annuellement à l’avance : chaque facture couvre jusqu’à 12 mois de la période d’engagement.'
      : mode === 'upfront'
        ? 'Chaque période d’engagement est facturée intégralement à l’avance, le premier mois.'
        : 'Le service est facturé chaque mois, pour le mois de service concerné.',
  oneOffInvoiced: 'Les frais uniques figurent sur la première facture.',
  invoiceDue: (d) =>
    d === 0
      ? 'Chaque facture est payable le mois de son émission.'
      : `Chaque facture est payable ${d} mois après son émission.`,
  invoiceMonth: 'Mois de facturation',
  periodCovered: 'Période couverte',
  invoices: 'Factures',
  perInvoice: 'Par facture',
  due: 'Échéance',
  ownMonth: 'Le mois facturé',
  scheduleUntil: (end) =>
    `L’échéancier couvre la période jusqu’à ${end} ; au-delà, le service est facturé selon les mêmes modalités.`,
  terms: 'Conditions',
  currency: 'Devise',
  currencyText: (name, code) => `Tous les prix sont exprimés en ${code} (${name}).`,
  validUntilText: (d) => `Cette proposition est valable jusqu’au ${d}.`,
  indicativeText:
    'Les prix de cette proposition sont indicatifs et doivent être confirmés avant toute commande.',
  priceReference: 'Référence de prix',
  pageOf: (i, n) => `Page ${i} sur ${n}`,
};

const esPlural = plural('es-ES');
const es: CustomerLabels = {
  kind: 'Propuesta',
  title: 'Propuesta de servicio',
  subtitle: (c) => `para ${c}`,
  headerTitle: (c) => `Propuesta de servicio para ${c}`,
  yourProvider: 'Su proveedor de servicios',
  preparedFor: 'Preparada para',
  preparedBy: 'Preparada por',
  date: 'Fecha',
  proposalNumber: 'Número de propuesta',
  validUntil: 'Válida hasta',
  prices: 'Precios',
  indicativeShort: 'Orientativos, pendientes de confirmar',
  yourService: 'Su servicio',
  intro: (b, c, from, to) =>
    `${b} propone a ${c} el servicio que se describe a continuación, desde ${from} hasta ${to}.`,
  servicePackage: 'Paquete de servicio',
  included: 'Incluye',
  bandwidth: 'Ancho de banda',
  virtualServices: 'Servicios virtuales',
  quantity: 'Cantidad',
  quantityValue: (n) => `${n}, cada uno con el servicio anterior`,
  term: 'Plazo',
  billing: 'Facturación',
  apps: 'Aplicaciones',
  appsItem: (count, n, bundle, users) =>
    `${n} ${esPlural(count, { one: 'aplicación', other: 'aplicaciones' })} ${bundle}, ${users} usuarios cada una`,
  termRenewing: (m, from) => `Plazo de ${m} meses desde ${from}, con renovación automática`,
  termFixed: (m, from, to) => `Plazo de ${m} meses, de ${from} a ${to}`,
  termPaygConverting: (from, at, m) =>
    `Mensual desde ${from}; desde ${at}, plazo de ${m} meses con renovación automática`,
  termPaygOpen: (from, to) =>
    `Mensual, sin permanencia mínima, desde ${from}${to === null ? '' : ` hasta ${to}`}`,
  billingFixedSell: 'Una cuota mensual fija',
  billingFixedTerm: 'Una cuota mensual fija durante todo el plazo',
  billingPayg: (hours, then) =>
    `Pago por uso: se factura cada mes según las horas de funcionamiento del servicio (estimado abajo con ${hours})${then ? ', y después una cuota mensual fija durante el plazo' : ''}`,
  hoursSeasonal: 'las horas previstas para cada mes del año',
  hoursFlat: (n) => `${n} horas al mes`,
  pricesHeading: 'Precios',
  period: 'Periodo',
  months: 'Meses',
  monthlyCharge: 'Cuota mensual',
  monthlyChargeAll: (n) => `Cuota mensual (los ${n})`,
  amount: 'Importe',
  oneOffSetup: (apps) => `Pago único: puesta en marcha de ${apps}`,
  oneOffServiceFee: 'Cuota de servicio única',
  total: 'Total',
  paygNote:
    'Las cuotas de pago por uso dependen de las horas reales de funcionamiento; los importes mensuales anteriores son estimaciones basadas en las horas previstas.',
  totalForPeriod: 'Total del periodo',
  oneOffCharges: 'Pagos únicos',
  recurringCharges: 'Cuotas recurrentes',
  monthlyLastMonth: 'Cuota mensual, último mes',
  chartTitle: 'Cuotas mensuales',
  commitment: 'Su compromiso',
  commitmentIntro: (m) =>
    `El servicio se contrata por un plazo fijo de ${m} meses. Se abona el plazo completo:`,
  commitmentTerm: (m, from, to) => `${m} meses, de ${from} a ${to}`,
  monthlyPerUnit: (n) => `Cuota mensual por unidad (${n} unidades)`,
  termTotal: 'Total del plazo',
  pastPlan: (m, to, end) =>
    `El plazo se extiende más allá del periodo presupuestado arriba, hasta ${to}: el total del plazo cubre los ${m} meses; el total del periodo, solo los meses hasta ${end}.`,
  renews: (m) => `Al finalizar, el servicio se renueva automáticamente por plazos de ${m} meses.`,
  invoiceSchedule: 'Calendario de facturación',
  invoicedHow: (mode) =>
    mode === 'annual'
      ? 'El servicio se factura anualmente por adelantado: cada factura cubre hasta 12 meses del plazo.'
      : mode === 'upfront'
        ? 'Cada plazo se factura íntegramente por adelantado, en su primer mes.'
        : 'El servicio se factura mensualmente, por cada mes de servicio.',
  oneOffInvoiced: 'Los cargos únicos se incluyen en la primera factura.',
  invoiceDue: (d) =>
    d === 0
      ? 'Cada factura vence en el mes de su emisión.'
      : `Cada factura vence ${esPlural(d, { one: 'un mes', other: `${d} meses` })} después de su emisión.`,
  invoiceMonth: 'Mes de factura',
  periodCovered: 'Periodo cubierto',
  invoices: 'Facturas',
  perInvoice: 'Por factura',
  due: 'Vencimiento',
  ownMonth: 'El mes facturado',
  scheduleUntil: (end) =>
    `El calendario abarca hasta ${end}; a partir de entonces, el servicio se factura en las mismas condiciones.`,
  terms: 'Condiciones',
  currency: 'Moneda',
  currencyText: (name, code) => `Todos los precios están expresados en ${code} (${name}).`,
  validUntilText: (d) => `Esta propuesta es válida hasta el ${d}.`,
  indicativeText:
    'Los precios de esta propuesta son orientativos y deben confirmarse antes de realizar un pedido.',
  priceReference: 'Referencia de precio',
  pageOf: (i, n) => `Página ${i} de ${n}`,
};

const plPlural = plural('pl-PL');
const plMonths = (m: number) =>
  `${m} ${plPlural(m, { one: 'miesiąc', few: 'miesiące', many: 'miesięcy', other: 'miesiąca' })}`;
const pl: CustomerLabels = {
  kind: 'Oferta',
  title: 'Oferta usług',
  subtitle: (c) => `dla: ${c}`,
  headerTitle: (c) => `Oferta usług dla: ${c}`,
  yourProvider: 'Twój dostawca usług',
  preparedFor: 'Przygotowana dla',
  preparedBy: 'Przygotowana przez',
  date: 'Data',
  proposalNumber: 'Numer oferty',
  validUntil: 'Ważna do',
  prices: 'Ceny',
  indicativeShort: 'Orientacyjne, do potwierdzenia',
  yourService: 'Zakres usługi',
  intro: (b, c, from, to) =>
    `${b} przedstawia ofertę poniższej usługi dla: ${c}. Okres: ${from} – ${to}.`,
  servicePackage: 'Pakiet usług',
  included: 'W pakiecie',
  bandwidth: 'Przepustowość',
  virtualServices: 'Usługi wirtualne',
  quantity: 'Liczba',
  quantityValue: (n) => `${n}, każda z usługą opisaną powyżej`,
  term: 'Okres umowy',
  billing: 'Rozliczenie',
  apps: 'Aplikacje',
  appsItem: (_count, n, bundle, users) =>
    `${n} × aplikacja ${bundle} (liczba użytkowników na aplikację: ${users})`,
  termRenewing: (m, from) => `${plMonths(m)}, początek: ${from}, z automatycznym przedłużeniem`,
  termFixed: (m, from, to) => `${plMonths(m)}: ${from} – ${to}`,
  termPaygConverting: (from, at, m) =>
    `Rozliczenie miesięczne, początek: ${from}; następnie umowa na ${plMonths(m)} (początek: ${at}) z automatycznym przedłużeniem`,
  termPaygOpen: (from, to) =>
    `Rozliczenie miesięczne bez minimalnego okresu umowy, początek: ${from}${to === null ? '' : `, koniec: ${to}`}`,
  billingFixedSell: 'Stała opłata miesięczna',
  billingFixedTerm: 'Stała opłata miesięczna przez cały okres umowy',
  billingPayg: (hours, then) =>
    `Według zużycia: opłata miesięczna za godziny działania usługi (poniżej szacunek: ${hours})${then ? ', następnie stała opłata miesięczna przez okres umowy' : ''}`,
  hoursSeasonal: 'godziny zaplanowane dla każdego miesiąca roku',
  hoursFlat: (n) => `${n} godz. miesięcznie`,
  pricesHeading: 'Ceny',
  period: 'Okres',
  months: 'Liczba miesięcy',
  monthlyCharge: 'Opłata miesięczna',
  monthlyChargeAll: (n) => `Opłata miesięczna (łącznie, liczba: ${n})`,
  amount: 'Kwota',
  oneOffSetup: (apps) => `Opłata jednorazowa: wdrożenie (${apps})`,
  oneOffServiceFee: 'Jednorazowa opłata za usługę',
  total: 'Razem',
  paygNote:
    'Opłaty według zużycia zależą od rzeczywistej liczby godzin działania usługi; powyższe kwoty miesięczne są szacunkami na podstawie planowanych godzin.',
  totalForPeriod: 'Razem w okresie',
  oneOffCharges: 'Opłaty jednorazowe',
  recurringCharges: 'Opłaty cykliczne',
  monthlyLastMonth: 'Opłata miesięczna w ostatnim miesiącu',
  chartTitle: 'Opłaty miesięczne',
  commitment: 'Zobowiązanie umowne',
  commitmentIntro: (m) =>
    `Usługa jest zamawiana na czas określony: ${plMonths(m)}. Płatny jest cały okres umowy:`,
  commitmentTerm: (m, from, to) => `${plMonths(m)}: ${from} – ${to}`,
  monthlyPerUnit: (n) => `Opłata miesięczna za jednostkę (liczba jednostek: ${n})`,
  termTotal: 'Razem za okres umowy',
  pastPlan: (m, to, end) =>
    `Okres umowy wykracza poza okres wyceniony powyżej (koniec umowy: ${to}). Suma za okres umowy obejmuje wszystkie miesiące (${m}), suma w okresie — tylko miesiące do końca okresu (${end}).`,
  renews: (m) =>
    `Po zakończeniu umowa przedłuża się automatycznie na kolejne okresy (${plMonths(m)}).`,
  invoiceSchedule: 'Harmonogram faktur',
  invoicedHow: (mode) =>
    mode === 'annual'
      ? 'Usługa jest fakturowana rocznie z góry: każda faktura obejmuje do 12 miesięcy okresu umowy.'
      : mode === 'upfront'
        ? 'Każdy okres umowy jest fakturowany w całości z góry, w jego pierwszym miesiącu.'
        : 'Usługa jest fakturowana co miesiąc, za dany miesiąc świadczenia.',
  oneOffInvoiced: 'Opłaty jednorazowe są ujęte w pierwszej fakturze.',
  invoiceDue: (d) =>
    d === 0
      ? 'Każda faktura jest płatna w miesiącu jej wystawienia.'
      : `Termin płatności każdej faktury: ${plMonths(d)} od jej wystawienia.`,
  invoiceMonth: 'Miesiąc wystawienia',
  periodCovered: 'Okres rozliczeniowy',
  invoices: 'Faktury',
  perInvoice: 'Kwota faktury',
  due: 'Termin płatności',
  ownMonth: 'Miesiąc wystawienia',
  scheduleUntil: (end) =>
    `Harmonogram obejmuje okres do: ${end}; później usługa jest fakturowana na tych samych zasadach.`,
  terms: 'Warunki',
  currency: 'Waluta',
  currencyText: (name, code) => `Wszystkie ceny podano w walucie ${code} (${name}).`,
  validUntilText: (d) => `Oferta jest ważna do ${d}.`,
  indicativeText:
    'Ceny w tej ofercie mają charakter orientacyjny i wymagają potwierdzenia przed złożeniem zamówienia.',
  priceReference: 'Numer referencyjny cen',
  pageOf: (i, n) => `Strona ${i} z ${n}`,
};

const LABELS: Record<DocumentLanguage, CustomerLabels> = { en, de, fr, es, pl };

export function customerLabels(lang: DocumentLanguage): CustomerLabels {
  return LABELS[lang];
}

/** The currency's name in the language ("US Dollar", "US-Dollar", "dollar des États-Unis"). */
export function currencyName(currency: string, locale: string): string {
  try {
    const name = new Intl.DisplayNames(locale, { type: 'currency' }).of(currency);
    return name ?? currency;
  } catch {
    return currency;
  }
}
