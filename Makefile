# sam build (BuildMethod: makefile) calls one build-<LogicalId> target per function. Each builds its
# module with the Maven reactor and unpacks the shaded jar into $(ARTIFACTS_DIR), the layout Lambda
# expects (classes at the root). Needs JAVA_HOME at a JDK 21 or newer.

MVN ?= ./mvnw -q -B

define build_function
	$(MVN) -pl functions/$(1) -am package -DskipTests
	python3 -m zipfile -e functions/$(1)/target/autocall-$(1)-lambda.jar "$(ARTIFACTS_DIR)"
endef

build-WebhookFunction:
	$(call build_function,webhook)

build-TriggerFunction:
	$(call build_function,trigger)

build-ApiFunction:
	$(call build_function,api)

.PHONY: build-WebhookFunction build-TriggerFunction build-ApiFunction build-ComplianceFunction build-DialerFunction build-CampaignFunction build-DeliveryFunction

build-ComplianceFunction:
	$(call build_function,compliance)

build-DialerFunction:
	$(call build_function,dialer)

build-CampaignFunction:
	$(call build_function,campaign)

build-DeliveryFunction:
	$(call build_function,delivery)
