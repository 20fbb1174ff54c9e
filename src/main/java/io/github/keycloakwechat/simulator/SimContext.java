package io.github.keycloakwechat.simulator;

/** The simulator's state, shared by the handlers. Each part is thread-safe on its own. */
final class SimContext {

    final SimSettings settings = new SimSettings();
    final SimClock clock = new SimClock();
    final Identifiers ids;
    final AppRegistry apps = new AppRegistry();
    final PersonRegistry people;
    final CodeStore codes = new CodeStore(clock);
    final TokenStore tokens = new TokenStore(clock);
    final AppTokens appTokens = new AppTokens(clock);
    final ScriptedScans scans = new ScriptedScans();
    final PendingLogins pending = new PendingLogins(clock);
    final UserinfoGrants grants = new UserinfoGrants();
    final CallCounters counters = new CallCounters();
    final Faults faults = new Faults();
    final CallbackReplayer replayer = new CallbackReplayer();
    final CallbackIssuer issuer = new CallbackIssuer(settings, codes, replayer);
    final ClientCodes clientCodes = new ClientCodes(this);
    final QrTickets qrTickets = new QrTickets(clock);
    final Followers followers = new Followers();
    final MessageServers messageServers = new MessageServers();
    final TicketScans ticketScans = new TicketScans(this);

    SimContext(String seed) {
        this.ids = new Identifiers(seed);
        this.people = new PersonRegistry(ids);
    }

    /** The unionid a response carries for this person and app, or null when the app is unbound. */
    String unionid(SimApp app, String personId) {
        String account = app.openPlatformAccount();
        return account == null ? null : ids.unionid(account, personId);
    }

    /** The registered person whose openid for this app this is, or null. */
    SimPerson personByOpenid(String appId, String openid) {
        for (SimPerson person : people.all()) {
            if (ids.openid(appId, person.id()).equals(openid)) {
                return person;
            }
        }
        return null;
    }

    /** Forgets everything logins left behind (run state); keeps apps, people, message servers, seed and switches. */
    void reset() {
        clock.reset();
        codes.clear();
        tokens.clear();
        appTokens.clear();
        scans.clear();
        pending.clear();
        grants.clear();
        counters.clear();
        faults.clear();
        replayer.clear();
        qrTickets.clear();
        followers.clear();
        ticketScans.clear();
    }
}
