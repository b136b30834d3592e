package dev.baton.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** The rules in their order, one scenario each, on identities written by hand. */
class ResolverTests {

    private final Resolver resolver = new Resolver(Set.of("salesforce"), Domains.freeMail());

    private static SourceIdentity crm(String id, String name, String website) {
        return new SourceIdentity("salesforce", id, Set.of(name), website == null ? Set.of() : Set.of(website), Set.of());
    }

    private static SourceIdentity customer(String id, String name, String email, String metadataAccount) {
        return new SourceIdentity("stripe", id, name == null ? Set.of() : Set.of(name), email == null ? Set.of() : Set.of(email),
                metadataAccount == null ? Set.of() : Set.of(new SourceIdentity.ExternalId("salesforce", metadataAccount)));
    }

    private static final List<SourceIdentity> CRM = List.of(
            crm("001A", "Northwind Analytics Inc", "https://www.northwind.io"),
            crm("001B", "Cedar Labs GmbH", "https://cedarlabs.de/"),
            crm("001C", "Blue Harbor", "https://www.blueharbor.com"),
            // the second account of a pair shares the first's website
            crm("001D", "Blue Harbor Freight", "https://www.blueharbor.com"));

    private Link linkOf(List<SourceIdentity> sources, Map<SourceIdentity.Key, String> crosswalk, String system, String id) {
        List<SourceIdentity> identities = new java.util.ArrayList<>(CRM);
        identities.addAll(sources);
        return resolver.resolve(identities, crosswalk).links().stream()
                .filter(link -> link.identity().equals(new SourceIdentity.Key(system, id))).findFirst().orElseThrow();
    }

    @Test
    void theCrosswalkWinsOverMetadataDomainAndName() {
        // given a customer whose metadata says 001A, whose e-mail domain and name say 001B
        SourceIdentity customer = customer("cus_1", "Cedar Labs", "billing@cedarlabs.de", "001A");
        Map<SourceIdentity.Key, String> crosswalk = Map.of(new SourceIdentity.Key("stripe", "cus_1"), "001C");

        // when / then: the crosswalk's 001C
        assertThat(linkOf(List.of(customer), crosswalk, "stripe", "cus_1"))
                .extracting(Link::accountId, Link::rule).containsExactly("001C", Rule.CROSSWALK);
        // and without it the metadata's 001A, before the domain's and the name's 001B
        assertThat(linkOf(List.of(customer), Map.of(), "stripe", "cus_1"))
                .extracting(Link::accountId, Link::rule, Link::matchedOn).containsExactly("001A", Rule.EXTERNAL_ID, "001A");
    }

    @Test
    void theDomainComesBeforeTheName() {
        // given a customer at northwind.io named like Cedar Labs
        SourceIdentity customer = customer("cus_2", "Cedar Labs", "ap@Northwind.IO", null);

        // when / then
        assertThat(linkOf(List.of(customer), Map.of(), "stripe", "cus_2"))
                .extracting(Link::accountId, Link::rule, Link::matchedOn).containsExactly("001A", Rule.DOMAIN, "northwind.io");
    }

    @Test
    void anAmbiguousDomainLinksNothingAndIsReported() {
        // given a customer at the domain 001C and 001D share, with a person's name
        SourceIdentity customer = customer("cus_3", "Jane Roe", "jane.roe@blueharbor.com", null);
        List<SourceIdentity> identities = new java.util.ArrayList<>(CRM);
        identities.add(customer);

        // when
        Resolver.Resolution resolution = resolver.resolve(identities, Map.of());

        // then it is an account of its own, and the ambiguity names both candidates
        assertThat(resolution.links()).filteredOn(link -> link.identity().sourceId().equals("cus_3"))
                .extracting(Link::accountId, Link::rule).containsExactly(tuple("stripe:cus_3", Rule.UNMATCHED));
        assertThat(resolution.ambiguities()).extracting(a -> a.identity().sourceId(), Ambiguity::rule, Ambiguity::matchedOn,
                Ambiguity::candidates).containsExactly(tuple("cus_3", Rule.DOMAIN, "blueharbor.com", List.of("001C", "001D")));
    }

    @Test
    void aFreeMailDomainIsIgnored() {
        // given a CRM account whose website is a gmail address, and a customer paying from gmail with a person's name
        List<SourceIdentity> sources = List.of(crm("001E", "Solo Consulting", "solo.consulting@gmail.com"),
                customer("cus_4", "John Doe", "john.doe@gmail.com", null));

        // when / then nothing links them
        assertThat(linkOf(sources, Map.of(), "stripe", "cus_4"))
                .extracting(Link::accountId, Link::rule).containsExactly("stripe:cus_4", Rule.UNMATCHED);
    }

    @Test
    void namesMatchIgnoringCasePunctuationAndLegalForms() {
        // given customers spelling the CRM's names their own way, at free-mail addresses
        List<SourceIdentity> sources = List.of(customer("cus_5", "NORTHWIND ANALYTICS, INC.", "ap.northwind@outlook.com", null),
                customer("cus_6", "Cedar Labs", null, null));

        // when / then
        assertThat(linkOf(sources, Map.of(), "stripe", "cus_5"))
                .extracting(Link::accountId, Link::rule, Link::matchedOn).containsExactly("001A", Rule.NAME, "northwind analytics");
        assertThat(linkOf(sources, Map.of(), "stripe", "cus_6"))
                .extracting(Link::accountId, Link::rule).containsExactly("001B", Rule.NAME);
        assertThat(CompanyNames.normalise("Kabushiki Kaisha Sakura K.K.")).isEqualTo("sakura");
        assertThat(CompanyNames.normalise("Acme Ltd.")).isEqualTo(CompanyNames.normalise("ACME, LLC"));
        assertThat(CompanyNames.normalise("Inc.")).isEqualTo("inc");
    }

    @Test
    void anExternalIdDeclaredByTheCrmLinksTheOtherWay() {
        // given a CRM account that names its billing customer, and that customer with nothing else to go on
        List<SourceIdentity> sources = List.of(new SourceIdentity("salesforce", "001F", Set.of("Quill"), Set.of(),
                Set.of(new SourceIdentity.ExternalId("stripe", "cus_7"))), customer("cus_7", "J. Smith", null, null));

        // when / then
        assertThat(linkOf(sources, Map.of(), "stripe", "cus_7"))
                .extracting(Link::accountId, Link::rule).containsExactly("001F", Rule.EXTERNAL_ID);
    }

    @Test
    void anExternalIdWithoutASystemMeansTheSystemOfRecord() {
        // given a helpdesk organization whose external_id is a CRM id
        SourceIdentity organization = new SourceIdentity("zendesk", "360001", Set.of("Someone Else"), Set.of(),
                Set.of(new SourceIdentity.ExternalId(null, "001C")));

        // when / then
        assertThat(linkOf(List.of(organization), Map.of(), "zendesk", "360001"))
                .extracting(Link::accountId, Link::rule).containsExactly("001C", Rule.EXTERNAL_ID);
        assertThat(linkOf(List.of(), Map.of(), "salesforce", "001C"))
                .extracting(Link::accountId, Link::rule).containsExactly("001C", Rule.SYSTEM_OF_RECORD);
    }

    @Test
    void aChangedLinkIsReportedAndANewIdentityIsNot() {
        // given last night's links
        SourceIdentity.Key moved = new SourceIdentity.Key("stripe", "cus_1");
        SourceIdentity.Key kept = new SourceIdentity.Key("stripe", "cus_2");
        Map<SourceIdentity.Key, Link> previous = Map.of(moved, new Link(moved, "001B", Rule.DOMAIN, "cedarlabs.de"),
                kept, new Link(kept, "001A", Rule.DOMAIN, "northwind.io"));

        // when tonight cus_1 links elsewhere, cus_2 stays and cus_9 is new
        List<LinkChange> changes = Resolver.changes(previous, List.of(new Link(moved, "001A", Rule.EXTERNAL_ID, "001A"),
                new Link(kept, "001A", Rule.DOMAIN, "northwind.io"), new Link(new SourceIdentity.Key("stripe", "cus_9"), "stripe:cus_9",
                        Rule.UNMATCHED, null)));

        // then
        assertThat(changes).extracting(LinkChange::describe)
                .containsExactly("stripe cus_1 moved from 001B (domain) to 001A (external_id)");
    }

    @Test
    void domainsAreBareLowerCaseHosts() {
        assertThat(Domains.normalise("https://www.Acme.com/about?x=1")).isEqualTo("acme.com");
        assertThat(Domains.normalise("Jane.Roe@Sub.Acme.co.uk")).isEqualTo("sub.acme.co.uk");
        assertThat(Domains.normalise("localhost")).isNull();
        assertThat(Domains.freeMail()).contains("gmail.com", "outlook.com", "yahoo.com");
    }
}
