-- Each funnel stage holds at most the deals of the stage before it.
select * from mart_funnel
where field_sales_deals > inside_sales_deals
    or won_deals > field_sales_deals
    or onboarded_deals > won_deals
